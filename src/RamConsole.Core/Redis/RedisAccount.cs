using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Redis;

/// <summary>
/// An account of an instance: a Redis ACL user. No password is kept here (Redis holds its hash). A temporary account
/// (<see cref="ExpiresAt"/> set) also records who obtained it and the STS session chain it was obtained with, so it
/// dies with them (<see cref="TemporaryAccountSweeper"/>).
/// </summary>
public sealed class RedisAccount
{
    public int Id { get; set; }
    public required string InstanceId { get; set; }
    public required string AccountName { get; set; }
    public required string Privilege { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last time the supervisor saw a connection authenticated as it; null: never.</summary>
    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>Set for a temporary account: when it stops existing.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The principal that obtained a temporary account (user ARN or role session ARN).</summary>
    public string? IssuedToArn { get; set; }

    /// <summary>A temporary account obtained with an STS token: that session and the ones it was chained from, as JSON links.</summary>
    public string? SessionChainJson { get; set; }

    public bool IsTemporary => ExpiresAt is not null;

    /// <summary>The row of an instance's default account (Redis's own <c>default</c> user, read-write).</summary>
    public static RedisAccount Default(string instanceId, DateTimeOffset createdAt) => new()
    {
        InstanceId = instanceId, AccountName = AccountPrivilege.DefaultAccount, Privilege = AccountPrivilege.ReadWrite,
        Description = "Default account", CreatedAt = createdAt,
    };
}

internal sealed class RedisAccountConfiguration : IEntityTypeConfiguration<RedisAccount>
{
    public void Configure(EntityTypeBuilder<RedisAccount> builder)
    {
        builder.Property(a => a.InstanceId).HasMaxLength(32);
        builder.Property(a => a.AccountName).HasMaxLength(64);
        builder.Property(a => a.Privilege).HasMaxLength(32);
        builder.Property(a => a.Description).HasMaxLength(256);
        builder.Property(a => a.IssuedToArn).HasMaxLength(512);
        builder.HasIndex(a => new { a.InstanceId, a.AccountName }).IsUnique();
        builder.HasIndex(a => a.ExpiresAt);
    }
}
