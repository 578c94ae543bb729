using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Federation;

/// <summary>
/// An OpenID Connect identity provider the account trusts for AssumeRoleWithOIDC (IMS CreateOIDCProvider). The issuer
/// URL is unique and never changes (a provider is the issuer); fingerprints pin the issuer's TLS trust anchor and
/// client ids are the accepted <c>aud</c> values.
/// </summary>
public sealed class OidcProvider
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string IssuerUrl { get; set; }

    /// <summary>SHA-1 fingerprints (40 hex digits, upper case), comma-separated, at most <see cref="OidcProviders.MaxFingerprints"/>.</summary>
    public string Fingerprints { get; set; } = "";

    /// <summary>Accepted audiences, comma-separated, at most <see cref="OidcProviders.MaxClientIds"/>.</summary>
    public string ClientIds { get; set; } = "";

    /// <summary>How old (by <c>iat</c>) an id_token may be, in hours (1–168).</summary>
    public int IssuanceLimitTime { get; set; } = 12;
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<string> FingerprintList => Split(Fingerprints);
    public IReadOnlyList<string> ClientIdList => Split(ClientIds);

    internal static IReadOnlyList<string> Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal sealed class OidcProviderConfiguration : IEntityTypeConfiguration<OidcProvider>
{
    public void Configure(EntityTypeBuilder<OidcProvider> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(128).UseCollation("NOCASE");
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.IssuerUrl).HasMaxLength(255);
        builder.HasIndex(p => p.IssuerUrl).IsUnique();
        builder.Property(p => p.Fingerprints).HasMaxLength(512);
        builder.Property(p => p.ClientIds).HasMaxLength(8192);
        builder.Property(p => p.Description).HasMaxLength(256);
        builder.Ignore(p => p.FingerprintList);
        builder.Ignore(p => p.ClientIdList);
    }
}
