using System.Security.Cryptography;

namespace RamConsole.Core.Redis;

/// <summary>Instance ids and ARNs as Alibaba's: <c>r-</c> + 20 lowercase letters/digits; <c>acs:kvstore:&lt;region&gt;:&lt;uid&gt;:instance/&lt;id&gt;</c>.</summary>
public static class RedisIds
{
    private const string Lower36 = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewInstanceId() => "r-" + RandomNumberGenerator.GetString(Lower36, 20);

    /// <summary>A temporary account's ACL user name: the '-' keeps it apart from account names, which allow only [a-z0-9_].</summary>
    public static string NewTemporaryAccountName() => "tmp-" + RandomNumberGenerator.GetString(Lower36, 16);

    public static bool IsInstanceId(string? value) =>
        value is { Length: 22 } && value.StartsWith("r-", StringComparison.Ordinal) && value.AsSpan(2).IndexOfAnyExcept(Lower36) < 0;

    public static string InstanceArn(string region, string accountId, string instanceId) => $"acs:kvstore:{region}:{accountId}:instance/{instanceId}";

    /// <summary>What create and list are decided on: every instance of the account in the region.</summary>
    public static string AnyInstanceArn(string region, string accountId) => $"acs:kvstore:{region}:{accountId}:instance/*";
}
