namespace RamConsole.Core.Redis;

/// <summary>
/// Alibaba's account privileges and the Redis ACL rules they mean. Rules, each proven against a real redis-server:
/// <list type="bullet">
/// <item><c>RoleReadOnly</c>: every key and channel, read and connection commands only — and none of those that are
/// also dangerous (KEYS, CLIENT, …), so a read-only account cannot stall the server or see other clients.</item>
/// <item><c>RoleReadWrite</c>: every command but the dangerous ones (FLUSHALL, CONFIG, DEBUG, SHUTDOWN, ACL, …).</item>
/// <item>Only RamConsole's own administrative user keeps <c>+@all</c>; no account can be granted it.</item>
/// </list>
/// Each rule begins with <c>reset</c>, so a grant replaces what the user had (no permission left over from before).
/// </summary>
public static class AccountPrivilege
{
    public const string ReadOnly = "RoleReadOnly", ReadWrite = "RoleReadWrite";

    public static readonly IReadOnlyList<string> All = [ReadOnly, ReadWrite];

    /// <summary>The ACL user RamConsole itself connects as; '-' keeps it out of the account-name space.</summary>
    public const string AdminUser = "ramconsole-admin";

    /// <summary>Redis's own user, which Alibaba's "default account" is.</summary>
    public const string DefaultAccount = "default";

    public static string Parse(string? value) => value switch
    {
        ReadOnly or ReadWrite => value,
        _ => throw RamErrors.Invalid("InvalidAccountPrivilege.Malformed", "AccountPrivilege is RoleReadOnly or RoleReadWrite.", "AccountPrivilege"),
    };

    /// <summary>The ACL SETUSER arguments for a new user (or one whose password is set anew), given by the password's SHA-256 (never in clear text).</summary>
    public static string[] Rules(string privilege, string passwordSha256Hex) => ["reset", "on", "#" + passwordSha256Hex, .. CommandRules(privilege)];

    /// <summary>
    /// What the user may touch and run, leaving its passwords alone (a grant): keys and channels reset to all, commands
    /// reset to none and then the privilege's categories.
    /// </summary>
    public static string[] CommandRules(string privilege) =>
    [
        "resetkeys", "~*", "resetchannels", "&*", "-@all",
        .. privilege switch
        {
            ReadOnly => new[] { "+@read", "+@connection", "-@dangerous" },
            ReadWrite => new[] { "+@all", "-@dangerous" },
            _ => throw new ArgumentOutOfRangeException(nameof(privilege), privilege, "not a privilege"),
        },
    ];

    /// <summary>RamConsole's administrative user: everything, so it can manage ACLs, config and connections.</summary>
    public static string[] AdminRules(string passwordSha256Hex) => ["reset", "on", "#" + passwordSha256Hex, "~*", "&*", "+@all"];
}
