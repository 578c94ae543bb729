namespace RamConsole.Core.Federation;

/// <summary>A signing certificate as the console shows it: whose, until when, which.</summary>
public sealed record CertificateView(string Subject, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string Sha1Fingerprint);

public sealed record SamlProviderView(string Name, string Arn, string? Description, string EntityId, string? SsoUrl, string MetadataXml,
    IReadOnlyList<CertificateView> Certificates, DateTimeOffset CreateDate, DateTimeOffset UpdateDate)
{
    public string EncodedMetadata => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(MetadataXml));
}

public sealed record OidcProviderView(string Name, string Arn, string IssuerUrl, IReadOnlyList<string> Fingerprints, IReadOnlyList<string> ClientIds,
    int IssuanceLimitTime, string? Description, DateTimeOffset CreateDate, DateTimeOffset UpdateDate);

/// <summary>A role whose trust policy names a provider (the provider page's "roles that trust it").</summary>
public sealed record TrustingRole(string RoleName, string Arn, string Effect, string Conditions);
