using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Policies;

/// <summary>
/// A policy (system or custom, by name) attached to a user, group or role. <see cref="PrincipalId"/> is the
/// principal's stable id (user id, group id, role id), so renaming a principal keeps its policies.
/// </summary>
public sealed class PolicyAttachment
{
    public long Id { get; set; }
    public required string PolicyType { get; set; }
    public required string PolicyName { get; set; }
    public PrincipalKind PrincipalType { get; set; }
    public required string PrincipalId { get; set; }
    public DateTimeOffset AttachedAt { get; set; }
}

internal sealed class PolicyAttachmentConfiguration : IEntityTypeConfiguration<PolicyAttachment>
{
    public void Configure(EntityTypeBuilder<PolicyAttachment> builder)
    {
        builder.Property(a => a.PolicyType).HasMaxLength(16);
        builder.Property(a => a.PolicyName).HasMaxLength(128).UseCollation("NOCASE");
        builder.Property(a => a.PrincipalId).HasMaxLength(64);
        builder.HasIndex(a => new { a.PolicyType, a.PolicyName, a.PrincipalType, a.PrincipalId }).IsUnique();
        builder.HasIndex(a => new { a.PrincipalType, a.PrincipalId });
    }
}
