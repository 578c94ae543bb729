using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RamConsole.Core.Audit;

namespace RamConsole.Core.AccessKeys;

public enum AccessKeyStatus
{
    Active = 0,
    Inactive = 1,
}

/// <summary>
/// A RAM user's AccessKey pair (DESIGN §4). The server must recompute HMACs, so the secret is kept encrypted with
/// Data Protection (never hashed), shown once at creation, and never logged or audited.
/// </summary>
public sealed class AccessKey
{
    public required string AccessKeyId { get; set; }
    public required string UserId { get; set; }

    [Secret]
    public required string ProtectedSecret { get; set; }

    public AccessKeyStatus Status { get; set; } = AccessKeyStatus.Active;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public string? LastUsedService { get; set; }
}

internal sealed class AccessKeyConfiguration : IEntityTypeConfiguration<AccessKey>
{
    public void Configure(EntityTypeBuilder<AccessKey> builder)
    {
        builder.HasKey(k => k.AccessKeyId);
        builder.Property(k => k.AccessKeyId).HasMaxLength(32);
        builder.HasIndex(k => k.UserId);
        builder.HasOne<Users.RamUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
