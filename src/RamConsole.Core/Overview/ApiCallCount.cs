using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Overview;

/// <summary>API calls per UTC day and action (successful reads are not audited, so the audit log cannot count them).</summary>
public sealed class ApiCallCount
{
    /// <summary>Days since 1970-01-01 (UTC).</summary>
    public long Day { get; set; }
    public required string Action { get; set; }
    public long Count { get; set; }
}

internal sealed class ApiCallCountConfiguration : IEntityTypeConfiguration<ApiCallCount>
{
    public void Configure(EntityTypeBuilder<ApiCallCount> builder)
    {
        builder.HasKey(c => new { c.Day, c.Action });
        builder.Property(c => c.Action).HasMaxLength(128);
    }
}
