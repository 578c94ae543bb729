using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Roles;

/// <summary>A RAM role (DESIGN §2): a trust policy, a maximum session length, no credentials of its own.</summary>
public sealed class Role
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public required string AssumeRolePolicyDocument { get; set; }
    public int MaxSessionDuration { get; set; } = SessionDurations.RoleDefaultSeconds;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the trust policy last changed (churn in who may assume a role is worth noticing).</summary>
    public DateTimeOffset? TrustPolicyUpdatedAt { get; set; }

    /// <summary>STS tokens for this role issued at or before this instant are refused ("revoke active sessions").</summary>
    public DateTimeOffset? SessionsRevokedAt { get; set; }
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> builder)
    {
        builder.ToTable("RamRoles"); // "Roles" would read as Identity's role table.
        builder.Property(r => r.Name).HasMaxLength(64).UseCollation("NOCASE");
        builder.HasIndex(r => r.Name).IsUnique();
        builder.Property(r => r.Description).HasMaxLength(1024);
    }
}
