namespace RamConsole.Core.Users;

/// <summary>A user's console access (Alibaba's login profile). The password itself is never returned or audited.</summary>
public sealed record LoginProfileView(string UserName, bool PasswordResetRequired, bool MfaBindRequired, DateTimeOffset? CreateDate);

/// <summary>
/// Create, update and delete a login profile (console access). Passwords are checked against the password policy
/// (Identity's validators) and hashed by Identity; changing or removing one renews the security stamp, which ends
/// the user's console sessions.
/// </summary>
public sealed class LoginProfiles(UseCaseServices services, PasswordRules passwords, Sessions.ConsoleSessions sessions)
{
    public sealed record Request(string UserName, string? Password, bool? PasswordResetRequired = null, bool? MfaBindRequired = null);

    public async Task<LoginProfileView> CreateAsync(Caller caller, Request request, CancellationToken cancellationToken = default)
    {
        var (change, user) = await OpenAsync(caller, RamActions.CreateLoginProfile, request.UserName, cancellationToken);
        await using (change)
        {
            if (user.ConsoleLoginEnabled) throw RamErrors.AlreadyExists("User.LoginProfile", $"for {user.UserName}", "UserName");
            await passwords.SetAsync(user, request.Password);
            var now = services.Time.GetUtcNow();
            user.ConsoleLoginEnabled = true;
            user.LoginProfileCreatedAt = now;
            user.PasswordResetRequired = request.PasswordResetRequired ?? false;
            user.MfaBindRequired = request.MfaBindRequired ?? false;
            user.UpdatedAt = now;
            var view = View(user);
            await change.CommitAsync(null, view, cancellationToken);
            return view;
        }
    }

    public async Task<LoginProfileView> UpdateAsync(Caller caller, Request request, CancellationToken cancellationToken = default)
    {
        var (change, user) = await OpenAsync(caller, RamActions.UpdateLoginProfile, request.UserName, cancellationToken);
        await using (change)
        {
            if (!user.ConsoleLoginEnabled) throw RamErrors.NotFound("User.LoginProfile", $"for {user.UserName}");
            var before = View(user);
            if (!string.IsNullOrEmpty(request.Password)) await passwords.SetAsync(user, request.Password);
            if (request.PasswordResetRequired is { } reset) user.PasswordResetRequired = reset;
            if (request.MfaBindRequired is { } mfa) user.MfaBindRequired = mfa;
            user.UpdatedAt = services.Time.GetUtcNow();
            var after = View(user);
            // A new password, or a forced reset, takes effect now: the user's sessions end.
            var endSessions = !string.IsNullOrEmpty(request.Password) || (request.PasswordResetRequired == true && !before.PasswordResetRequired);
            var ended = endSessions ? await sessions.EndAllInAsync(change.Db, user.Id, "PasswordChanged", exceptSessionId: caller.SessionId, cancellationToken: cancellationToken) : [];
            await change.CommitAsync(before, new { Profile = after, PasswordChanged = !string.IsNullOrEmpty(request.Password), SessionsEnded = ended.Count }, cancellationToken);
            return after;
        }
    }

    public async Task DeleteAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var (change, user) = await OpenAsync(caller, RamActions.DeleteLoginProfile, userName, cancellationToken);
        await using (change)
        {
            if (!user.ConsoleLoginEnabled) throw RamErrors.NotFound("User.LoginProfile", $"for {user.UserName}");
            var before = View(user);
            user.ConsoleLoginEnabled = false;
            user.PasswordHash = null;
            user.LoginProfileCreatedAt = null;
            user.PasswordResetRequired = false;
            user.MfaBindRequired = false;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.UpdatedAt = services.Time.GetUtcNow();
            var ended = await sessions.EndAllInAsync(change.Db, user.Id, "ConsoleAccessDisabled", cancellationToken: cancellationToken);
            await change.CommitAsync(before, new { SessionsEnded = ended.Count }, cancellationToken);
        }
    }

    /// <summary>Lifts a sign-in lockout (RamConsole's <c>ram:UnlockUser</c>).</summary>
    public async Task UnlockAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var (change, user) = await OpenAsync(caller, RamActions.UnlockUser, userName, cancellationToken);
        await using (change)
        {
            var before = new { user.LockoutEnd, user.AccessFailedCount };
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            await change.CommitAsync(before, new { user.LockoutEnd, user.AccessFailedCount }, cancellationToken);
        }
    }

    public async Task<LoginProfileView> GetAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(userName);
        await using var db = await services.BeginReadAsync(caller, RamActions.GetLoginProfile, services.Resource("user", name), cancellationToken);
        var user = await db.FindUserAsync(name, cancellationToken);
        return user.ConsoleLoginEnabled ? View(user) : throw RamErrors.NotFound("User.LoginProfile", $"for {user.UserName}");
    }

    private Task<(Changes.Change Change, RamUser User)> OpenAsync(Caller caller, string action, string userName, CancellationToken cancellationToken)
    {
        var name = RamNames.UserName(userName);
        return services.BeginChangeOfAsync(caller, action, services.Resource("user", name), db => db.FindUserAsync(name, cancellationToken), cancellationToken);
    }

    private static LoginProfileView View(RamUser user) =>
        new(user.UserName!, user.PasswordResetRequired, user.MfaBindRequired, user.LoginProfileCreatedAt);
}
