using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Audit;

public enum AuditChannel
{
    Console = 0,
    Api = 1,
    System = 2,
}

public enum AuditResult
{
    Success = 0,
    Denied = 1,
    Error = 2,
}

/// <summary>One stored audit record (DESIGN §9). Before/After are JSON snapshots with secrets removed.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset Time { get; set; }
    public required string PrincipalArn { get; set; }
    public required string PrincipalType { get; set; }
    public AuditChannel Channel { get; set; }
    public string? SourceIp { get; set; }
    public required string Action { get; set; }
    public string? ResourceArn { get; set; }
    public AuditResult Result { get; set; }
    public string? ErrorCode { get; set; }
    public required string RequestId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }

    /// <summary>Extra facts that are neither before nor after, e.g. the factors used at sign-in.</summary>
    public string? Detail { get; set; }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        // Each filter of the audit page has an index led by its column and followed by Time (and, implicitly, the
        // rowid Id), so a filtered, newest-first page is an index range scan even over millions of events. The text
        // columns compare case-insensitively (NOCASE), which also lets SQLite use the index for "prefix*" LIKE patterns.
        builder.HasIndex(e => e.Time);
        builder.HasIndex(e => new { e.PrincipalArn, e.Time });
        builder.HasIndex(e => new { e.Action, e.Time });
        builder.HasIndex(e => new { e.Result, e.Time });
        builder.HasIndex(e => new { e.ResourceArn, e.Time });
        builder.HasIndex(e => new { e.ErrorCode, e.Time });
        builder.HasIndex(e => new { e.SourceIp, e.Time });
        builder.HasIndex(e => new { e.Channel, e.Time });
        builder.Property(e => e.PrincipalArn).HasMaxLength(256).UseCollation("NOCASE");
        builder.Property(e => e.Action).HasMaxLength(128).UseCollation("NOCASE");
        builder.Property(e => e.ResourceArn).HasMaxLength(512).UseCollation("NOCASE");
        builder.Property(e => e.SourceIp).HasMaxLength(64).UseCollation("NOCASE");
        builder.Property(e => e.ErrorCode).HasMaxLength(128).UseCollation("NOCASE");
        builder.Property(e => e.RequestId).HasMaxLength(64);
    }
}
