using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RamConsole.Core.Redis;

public enum RedisInstanceKind
{
    /// <summary>RamConsole starts, supervises and stops a redis-server process for it.</summary>
    Managed,

    /// <summary>An existing server: RamConsole manages its accounts and config, never its process.</summary>
    Registered,
}

/// <summary>
/// A Redis instance (Alibaba's KVStoreInstance). Whether it runs is not stored: the supervisor knows
/// (<see cref="RedisInstanceStatus"/>). The administrative password is encrypted (<see cref="RedisPasswords"/>).
/// </summary>
public sealed class RedisInstance
{
    public required string InstanceId { get; set; }
    public required string InstanceName { get; set; }
    public RedisInstanceKind Kind { get; set; }
    public required string RegionId { get; set; }
    public required string Host { get; set; }
    public int Port { get; set; }

    /// <summary>maxmemory of a managed instance, in MB (Alibaba's Capacity).</summary>
    public int CapacityMb { get; set; }

    public required string AdminUser { get; set; }
    public required string ProtectedAdminPassword { get; set; }

    /// <summary>The managed process's folder (config, ACL file, data, log); null for a registered server.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The allow-listed parameters set through ModifyInstanceConfig, as JSON; applied again at every start.</summary>
    public string ConfigJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the default account's password was last set (creation, ModifyInstanceAttribute, a reset); null: none set.</summary>
    public DateTimeOffset? DefaultPasswordSetAt { get; set; }

    public List<RedisAccount> Accounts { get; set; } = [];
}

internal sealed class RedisInstanceConfiguration : IEntityTypeConfiguration<RedisInstance>
{
    public void Configure(EntityTypeBuilder<RedisInstance> builder)
    {
        builder.HasKey(i => i.InstanceId);
        builder.Property(i => i.InstanceId).HasMaxLength(32);
        builder.Property(i => i.InstanceName).HasMaxLength(128);
        builder.Property(i => i.RegionId).HasMaxLength(64);
        builder.Property(i => i.Host).HasMaxLength(255);
        builder.Property(i => i.AdminUser).HasMaxLength(64);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(i => i.CreatedAt);
        builder.HasIndex(i => new { i.Host, i.Port }).IsUnique();
        builder.HasMany(i => i.Accounts).WithOne().HasForeignKey(a => a.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}
