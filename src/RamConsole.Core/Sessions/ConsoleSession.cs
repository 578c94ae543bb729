using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Sessions;

/// <summary>
/// One signed-in console session, tracked server-side so it can be listed and ended at once: the session cookie
/// only names it (claim <c>ram:sid</c>), and every request and circuit revalidation checks it here.
/// </summary>
public sealed class ConsoleSession
{
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the password was last entered for this session: at sign-in, or since, to confirm a sensitive change.</summary>
    public DateTimeOffset VerifiedAt { get; set; }
    public string? SourceIp { get; set; }
    public string? UserAgent { get; set; }

    /// <summary>Factors used at sign-in, comma-separated RFC 8176 values (pwd, otp, hwk, mfa, …).</summary>
    public string Factors { get; set; } = "";

    public DateTimeOffset? EndedAt { get; set; }
    public string? EndReason { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => EndedAt is null && ExpiresAt > now;
}

internal sealed class ConsoleSessionConfiguration : IEntityTypeConfiguration<ConsoleSession>
{
    public void Configure(EntityTypeBuilder<ConsoleSession> builder)
    {
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.SourceIp).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(512);
        builder.Property(s => s.Factors).HasMaxLength(128);
        builder.Property(s => s.EndReason).HasMaxLength(64);
        builder.HasIndex(s => new { s.UserId, s.EndedAt });
        builder.HasOne<Users.RamUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
