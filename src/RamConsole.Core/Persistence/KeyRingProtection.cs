using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;

namespace RamConsole.Core.Persistence;

public sealed class KeyRingProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file whose certificate encrypts the Data Protection keys stored in the database.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Certificates that encrypted keys before a rotation: they still decrypt, they no longer encrypt.</summary>
    public List<string> PreviousCertificatePaths { get; set; } = [];
}

/// <summary>
/// The Data Protection keys (which encrypt AccessKey secrets, TOTP secrets and STS tokens) live in the same database
/// as what they protect. With a certificate configured they are stored encrypted with it, so a copy of the database
/// alone reveals no secret; without one they are stored in the clear (the startup log says so).
/// </summary>
public static class KeyRingProtection
{
    public static bool IsConfigured(IConfiguration configuration) => Options(configuration).CertificatePath is { Length: > 0 };

    public static void Configure(IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var options = Options(configuration);
        if (options.CertificatePath is not { Length: > 0 } path) return;
        var current = Load(path, options.CertificatePassword);
        var all = options.PreviousCertificatePaths.Select(p => Load(p, options.CertificatePassword)).Prepend(current).ToArray();
        builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate(all);
    }

    private static KeyRingProtectionOptions Options(IConfiguration configuration) =>
        configuration.GetSection(KeyRingProtectionOptions.Section).Get<KeyRingProtectionOptions>() ?? new();

    private static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"DataProtection: the certificate file {path} does not exist.");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey) throw new InvalidOperationException($"DataProtection: {path} holds no private key; keys could not be read back.");
        return certificate;
    }
}
