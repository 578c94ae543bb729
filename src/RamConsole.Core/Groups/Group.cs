using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Groups;

/// <summary>A user group (DESIGN §2). Membership and policies arrive with identity management.</summary>
public sealed class Group
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Comments { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> builder)
    {
        builder.Property(g => g.Name).HasMaxLength(64).UseCollation("NOCASE");
        builder.HasIndex(g => g.Name).IsUnique();
        builder.Property(g => g.Comments).HasMaxLength(128);
    }
}
