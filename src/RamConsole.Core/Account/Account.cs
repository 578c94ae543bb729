using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Account;

/// <summary>The single account of an installation (DESIGN §2). Its row is created once, by the bootstrap.</summary>
public sealed class Account
{
    /// <summary>Always 1: there is exactly one account, and the key makes a second bootstrap collide.</summary>
    public int Id { get; set; } = 1;
    public required string AccountId { get; set; }
    public required string Alias { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.AccountId).HasMaxLength(16);
        builder.Property(a => a.Alias).HasMaxLength(64);
    }
}
