using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Federation;

/// <summary>
/// User-based SSO to the console (IMS SetUserSsoSettings), one row: the IdP's metadata, whether SSO is on, the domain
/// in NameIDs, and — RamConsole's addition — which AuthnContextClassRef values the administrator accepts as
/// multi-factor (an SSO session counts as <c>acs:MFAPresent</c> only with one of them).
/// </summary>
public sealed record UserSsoSettings
{
    public int Id { get; init; } = 1;
    public bool SsoEnabled { get; init; }

    /// <summary>The IdP metadata (decoded XML); null until uploaded.</summary>
    public string? MetadataXml { get; init; }

    /// <summary>A domain the account owns besides its default one (NameIDs may be <c>user@AuxiliaryDomain</c>).</summary>
    public string? AuxiliaryDomain { get; init; }

    /// <summary>NameIDs carry <c>@domain</c> (true, Alibaba's default); false: the bare user name.</summary>
    public bool SsoLoginWithDomain { get; init; } = true;

    /// <summary>AuthnContextClassRef values that mean the IdP used more than one factor, newline-separated.</summary>
    public string MultiFactorAuthnContexts { get; init; } = "";
    public DateTimeOffset? UpdatedAt { get; init; }

    public IReadOnlyList<string> MultiFactorContextList =>
        MultiFactorAuthnContexts.Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal sealed class UserSsoSettingsConfiguration : IEntityTypeConfiguration<UserSsoSettings>
{
    public void Configure(EntityTypeBuilder<UserSsoSettings> builder)
    {
        builder.ToTable("UserSsoSettings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.AuxiliaryDomain).HasMaxLength(255);
        builder.Property(s => s.MultiFactorAuthnContexts).HasMaxLength(4096);
        builder.Ignore(s => s.MultiFactorContextList);
    }
}
