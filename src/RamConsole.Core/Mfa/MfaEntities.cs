using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Mfa;

/// <summary>A bound virtual MFA device (TOTP). The shared secret is stored encrypted with Data Protection.</summary>
public sealed class TotpDevice
{
    public string UserId { get; set; } = "";
    public string ProtectedSecret { get; set; } = "";
    public DateTimeOffset BoundAt { get; set; }

    /// <summary>The last 30-second step a code was accepted for: a code is accepted only once, and never an older one.</summary>
    public long LastUsedStep { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}

/// <summary>A single-use recovery code, stored as a salted PBKDF2 hash (<see cref="RecoveryCodes"/>).</summary>
public sealed class RecoveryCode
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public string Hash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>A registered WebAuthn security key or passkey.</summary>
public sealed class WebAuthnCredential
{
    /// <summary>The credential id, base64url.</summary>
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
    public byte[] PublicKey { get; set; } = [];
    public byte[] UserHandle { get; set; } = [];
    public long SignCount { get; set; }
    public Guid AaGuid { get; set; }
    public string? Transports { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}

internal sealed class MfaEntitiesConfiguration :
    IEntityTypeConfiguration<TotpDevice>, IEntityTypeConfiguration<RecoveryCode>, IEntityTypeConfiguration<WebAuthnCredential>
{
    public void Configure(EntityTypeBuilder<TotpDevice> builder)
    {
        builder.HasKey(d => d.UserId);
        builder.HasOne<Users.RamUser>().WithOne().HasForeignKey<TotpDevice>(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RecoveryCode> builder)
    {
        builder.Property(c => c.Hash).HasMaxLength(128);
        builder.HasIndex(c => c.UserId);
        builder.HasOne<Users.RamUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<WebAuthnCredential> builder)
    {
        builder.Property(c => c.Id).HasMaxLength(1400);
        builder.Property(c => c.Name).HasMaxLength(64);
        builder.Property(c => c.Transports).HasMaxLength(128);
        builder.HasIndex(c => c.UserId);
        builder.HasOne<Users.RamUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
