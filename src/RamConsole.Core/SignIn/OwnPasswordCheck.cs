using Microsoft.AspNetCore.Identity;
using RamConsole.Core.Audit;
using RamConsole.Core.Persistence;
using RamConsole.Core.Settings;
using RamConsole.Core.Users;

namespace RamConsole.Core.SignIn;

/// <summary>
/// A signed-in user's current password, entered again (to change it, or to confirm a sensitive change). It is a
/// password guess like any other: a wrong one counts toward the lockout of the password policy and is audited, and a
/// locked user is refused even with the right one — so a stolen session cannot be used to guess the password.
/// </summary>
public sealed class OwnPasswordCheck(UseCaseServices services, IPasswordHasher<RamUser> hasher, SecuritySettingsStore settings)
{
    /// <summary>
    /// Checks <paramref name="password"/> for <paramref name="user"/> (tracked by <paramref name="db"/>); a failure is
    /// saved and audited as <paramref name="action"/>, then thrown as <paramref name="errorCode"/> on <paramref name="field"/>.
    /// </summary>
    public async Task VerifyAsync(RamDbContext db, Caller caller, RamUser user, string password, string action, string errorCode, string field,
        CancellationToken cancellationToken)
    {
        var now = services.Time.GetUtcNow();
        var resource = services.Resource("user", user.UserName!);
        if (SignInFailures.IsLocked(user, now))
        {
            await RefuseAsync(caller, action, resource, "AccountLocked", cancellationToken);
            throw new RamException("AccountLocked", "Too many wrong passwords: try again in an hour.", 403, field);
        }
        if (user.PasswordHash is null || hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            var lockedNow = SignInFailures.Register(user, await settings.GetAsync(cancellationToken), now);
            await db.SaveChangesAsync(cancellationToken);
            await RefuseAsync(caller, action, resource, lockedNow ? "LockedOut" : errorCode, cancellationToken);
            throw RamErrors.Invalid(errorCode, lockedNow ? "The password is not correct. Too many wrong passwords: try again in an hour." : "The password is not correct.", field);
        }
        user.AccessFailedCount = 0;
    }

    private Task RefuseAsync(Caller caller, string action, string resource, string errorCode, CancellationToken cancellationToken) =>
        services.Audit.RecordAsync(AuditEntry.For(caller, action, resource) with { Result = AuditResult.Denied, ErrorCode = errorCode }, cancellationToken);
}
