using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Policies;

/// <summary>A custom policy (DESIGN §2/§3). Its versions and attachments arrive with identity management.</summary>
public sealed class CustomPolicy
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string DefaultVersion { get; set; } = "v1";

    /// <summary>The number the next version gets: version ids are never reused, even after a version is deleted.</summary>
    public int NextVersion { get; set; } = 2;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class CustomPolicyConfiguration : IEntityTypeConfiguration<CustomPolicy>
{
    public void Configure(EntityTypeBuilder<CustomPolicy> builder)
    {
        builder.ToTable("CustomPolicies");
        builder.Property(p => p.Name).HasMaxLength(128).UseCollation("NOCASE");
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.Description).HasMaxLength(1024);
    }
}
