using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Federation;

/// <summary>
/// A SAML 2.0 identity provider the account trusts for role-based SSO (IMS CreateSAMLProvider). The metadata document
/// is kept as given (decoded); what the validators need from it — entity id, signing certificates, SSO endpoint — is
/// read again from it when the provider is loaded (<see cref="IdentityProviderDirectory"/>), so there is one source.
/// </summary>
public sealed class SamlProvider
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public required string MetadataXml { get; set; }

    /// <summary>The IdP's entityID, copied out of the metadata for listing and lookups.</summary>
    public required string EntityId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class SamlProviderConfiguration : IEntityTypeConfiguration<SamlProvider>
{
    public void Configure(EntityTypeBuilder<SamlProvider> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(128).UseCollation("NOCASE");
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.Description).HasMaxLength(256);
        builder.Property(p => p.EntityId).HasMaxLength(1024);
    }
}
