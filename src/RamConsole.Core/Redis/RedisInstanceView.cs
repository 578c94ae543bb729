namespace RamConsole.Core.Redis;

/// <summary>An instance as lists and pages show it; never a password.</summary>
public sealed record RedisInstanceView(
    string InstanceId,
    string InstanceName,
    RedisInstanceKind Kind,
    string RegionId,
    string Host,
    int Port,
    int CapacityMb,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DefaultPasswordSetAt,
    string Arn)
{
    public string Address => $"{Host}:{Port}";
}

/// <summary>One page of instances (Alibaba pages by number).</summary>
public sealed record RedisInstanceListing(IReadOnlyList<RedisInstanceView> Instances, int PageNumber, int PageSize, int TotalCount);

/// <summary>DescribeInstances' filters.</summary>
public sealed record RedisInstanceFilter(string? RegionId = null, IReadOnlyList<string>? InstanceIds = null, string? InstanceStatus = null, string? SearchKey = null);
