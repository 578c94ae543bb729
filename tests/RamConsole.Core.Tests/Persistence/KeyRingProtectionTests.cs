using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;

namespace RamConsole.Core.Tests.Persistence;

/// <summary>With DataProtection:CertificatePath the key ring in the database is encrypted: the database alone opens nothing.</summary>
public sealed class KeyRingProtectionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ramconsole-keyring", Guid.NewGuid().ToString("N"));

    public KeyRingProtectionTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } // best effort
    }

    private string NewCertificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_directory, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pfx-pass"));
        return path;
    }

    private static Dictionary<string, string?> Settings(CoreHost? database, string? certificate, params string[] previous)
    {
        var settings = database?.DatabaseSettings ?? [];
        settings["DataProtection:CertificatePassword"] = "pfx-pass";
        if (certificate is not null) settings["DataProtection:CertificatePath"] = certificate;
        for (var i = 0; i < previous.Length; i++) settings[$"DataProtection:PreviousCertificatePaths:{i}"] = previous[i];
        return settings;
    }

    [Fact]
    public async Task Keys_are_stored_encrypted_and_only_a_host_with_the_certificate_reads_the_secrets()
    {
        var certificate = NewCertificate("ramconsole-keys");
        await using var first = await CoreHost.StartAsync(Settings(null, certificate));
        await first.Use<CreateUser>().RunAsync(first.Root, new("ci-bot"));
        var key = await first.Use<AccessKeyUseCases>().CreateAsync(first.Root, "ci-bot");
        var payload = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("kept secret");

        await using (var db = first.NewDb())
        {
            var xml = Assert.Single(db.DataProtectionKeys.ToList()).Xml!;
            Assert.Contains("EncryptedData", xml);
            Assert.DoesNotContain("<masterKey", xml.Replace("encryptedSecret", ""), StringComparison.Ordinal); // no clear master key
        }

        // Another process with the certificate reads the same database.
        await using var withCertificate = await CoreHost.StartAsync(Settings(first, certificate));
        Assert.Equal(key.AccessKeySecret, (await withCertificate.Use<AccessKeyDirectory>().FindAsync(key.AccessKeyId))!.Secret);

        // One with only the database cannot.
        await using var databaseOnly = new CoreHost(Settings(first, null));
        Assert.ThrowsAny<CryptographicException>(() =>
            databaseOnly.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(payload));
    }

    [Fact]
    public async Task After_a_rotation_the_previous_certificate_still_opens_older_keys()
    {
        var old = NewCertificate("old");
        await using var first = await CoreHost.StartAsync(Settings(null, old));
        var payload = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("kept secret");

        await using var rotated = new CoreHost(Settings(first, NewCertificate("new"), old));

        Assert.Equal("kept secret", rotated.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(payload));
    }

    [Fact]
    public void A_missing_certificate_file_stops_the_start_with_its_path()
    {
        var missing = Path.Combine(_directory, "nowhere.pfx");

        var error = Assert.Throws<InvalidOperationException>(() => new CoreHost(Settings(null, missing)));

        Assert.Contains(missing, error.Message);
    }
}
