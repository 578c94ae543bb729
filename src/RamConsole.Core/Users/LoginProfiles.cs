using RamConsole.Core.Authorization;
using RamConsole.Core.Errors;
using RamConsole.Core.Naming;

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
        var (db, user, resource) = await OpenAsync(caller, "ram:CreateLoginProfile", request.UserName, cancellationToken);
        await using (db)
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
            await services.CommitAsync(db, caller, "ram:CreateLoginProfile", resource, null, view, policiesChanged: false, cancellationToken);
            return view;
        }
    }

    public async Task<LoginProfileView> UpdateAsync(Caller caller, Request request, CancellationToken cancellationToken = default)
    {
        var (db, user, resource) = await OpenAsync(caller, "ram:UpdateLoginProfile", request.UserName, cancellationToken);
        await using (db)
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
            var ended = endSessions ? await sessions.EndAllInAsync(db, user.Id, "PasswordChanged", exceptSessionId: caller.SessionId, cancellationToken: cancellationToken) : [];
            await services.CommitAsync(db, caller, "ram:UpdateLoginProfile", resource, before,
                new { Profile = after, PasswordChanged = !string.IsNullOrEmpty(request.Password), SessionsEnded = ended.Count }, policiesChanged: false, cancellationToken);
            sessions.Forget();
            return after;
        }
    }

    public async Task DeleteAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var (db, user, resource) = await OpenAsync(caller, "ram:DeleteLoginProfile", userName, cancellationToken);
        await using (db)
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
            var ended = await sessions.EndAllInAsync(db, user.Id, "ConsoleAccessDisabled", cancellationToken: cancellationToken);
            await services.CommitAsync(db, caller, "ram:DeleteLoginProfile", resource, before, new { SessionsEnded = ended.Count }, policiesChanged: false, cancellationToken);
            sessions.Forget();
        }
    }

    /// <summary>Lifts a sign-in lockout (RamConsole's <c>ram:UnlockUser</c>).</summary>
    public async Task UnlockAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var (db, user, resource) = await OpenAsync(caller, "ram:UnlockUser", userName, cancellationToken);
        await using (db)
        {
            var before = new { user.LockoutEnd, user.AccessFailedCount };
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            await services.CommitAsync(db, caller, "ram:UnlockUser", resource, before, new { user.LockoutEnd, user.AccessFailedCount }, policiesChanged: false, cancellationToken);
        }
    }

    public async Task<LoginProfileView> GetAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var (db, user, _) = await OpenAsync(caller, "ram:GetLoginProfile", userName, cancellationToken);
        await using (db)
        {
            return user.ConsoleLoginEnabled ? View(user) : throw RamErrors.NotFound("User.LoginProfile", $"for {user.UserName}");
        }
    }

    private async Task<(Persistence.RamDbContext Db, RamUser User, string Resource)> OpenAsync(Caller caller, string action, string userName, CancellationToken cancellationToken)
    {
        var name = RamNames.UserName(userName);
        var resource = services.Resource("user", name);
        await services.Gate.DemandAsync(caller, action, resource, cancellationToken);
        var db = await services.OpenForChangeAsync(cancellationToken);
        try
        {
            return (db, await db.FindUserAsync(name, cancellationToken), resource);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private static LoginProfileView View(RamUser user) =>
        new(user.UserName!, user.PasswordResetRequired, user.MfaBindRequired, user.LoginProfileCreatedAt);
}
