namespace RamConsole.Core.Authorization;

/// <summary>
/// A user acting on their own password, AccessKeys, MFA devices or sessions. The gate allows it when the policies do,
/// as for anyone; otherwise — when the caller is <see cref="UserName"/> and no policy explicitly denies it — when
/// <see cref="AllowedBySettings"/> says the security settings let users manage their own (Alibaba's
/// SecurityPreference toggles). That rule is asked only for the caller themself, after the policies, so it never
/// reveals anything about another user.
/// </summary>
public sealed record SelfService(string UserName, Func<CancellationToken, Task<bool>> AllowedBySettings)
{
    /// <summary>Always allowed for oneself unless explicitly denied (seeing and ending one's own sessions).</summary>
    public static SelfService Always(string userName) => new(userName, _ => Task.FromResult(true));
}
