using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Policies;

/// <summary>One version of a custom policy's document (v1, v2, …; numbers are never reused).</summary>
public sealed class PolicyVersion
{
    public int PolicyId { get; set; }
    public required string VersionId { get; set; }
    public required string Document { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class PolicyVersionConfiguration : IEntityTypeConfiguration<PolicyVersion>
{
    public void Configure(EntityTypeBuilder<PolicyVersion> builder)
    {
        builder.HasKey(v => new { v.PolicyId, v.VersionId });
        builder.Property(v => v.VersionId).HasMaxLength(16);
        builder.HasOne<CustomPolicy>().WithMany().HasForeignKey(v => v.PolicyId).OnDelete(DeleteBehavior.Cascade);
    }
}
