using Microsoft.AspNetCore.Identity;
using RamConsole.Core.Account;
using RamConsole.Core.Audit;
using RamConsole.Core.Settings;
using RamConsole.Core.Users;

namespace RamConsole.Core.SignIn;

/// <summary>
/// The first sign-in step: the password. Lockout follows the password policy's MaxLoginAttemps (one hour); the
/// template leaves lockout off to avoid denial of service by strangers, but for an access-management console slowing
/// password guessing matters more, and an administrator can unlock. LoginNetworkMasks apply to RAM users (never to
/// root, so a wrong mask cannot lock the whole account out). Time comes from <see cref="TimeProvider"/>.
/// A correct password does not start a session: <see cref="ConsoleSignInCompletion"/> does, after the second factor.
/// </summary>
[Authorization.GateFree(Authorization.GateFreeStep.SignIn)]
public sealed class PasswordSignIn(
    UserManager<RamUser> users,
    IPasswordHasher<RamUser> hasher,
    SecuritySettingsStore settingsStore,
    SignInAudit audit,
    SignInLocks locks,
    Federation.IdentityProviderDirectory providers,
    TimeProvider time)
{
    // A real hash of a random password: verifying against it makes an unknown user cost as much as a known one.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<RamUser>().HashPassword(new RamUser(), Guid.NewGuid().ToString()));

    public async Task<SignInOutcome> CheckAsync(SignInAttempt attempt, CancellationToken cancellationToken = default)
    {
        var name = attempt.UserName?.Trim() ?? "";
        using var held = await locks.EnterAsync(name, cancellationToken);
        var settings = await settingsStore.GetAsync(cancellationToken);
        var user = name.Length == 0 ? null : await users.FindByNameAsync(name);
        var now = time.GetUtcNow();

        // Masks are checked for every name but root's, known or not, so the refusal reveals nothing about users.
        if (!string.Equals(name, RamUser.RootUserName, StringComparison.OrdinalIgnoreCase) && !NetworkMasks.Allows(settings.NetworkMasks, attempt.SourceIp))
        {
            await audit.RecordAsync(user, attempt.SourceIp, AuditResult.Denied, "LoginNetworkMaskMismatch", ["password"], cancellationToken);
            return new SignInOutcome(null, SignInOutcome.NetworkError);
        }

        // While user SSO is on, RAM users sign in only through the IdP; root keeps its password (and MFA), so an IdP
        // outage cannot lock the account out. Decided before the password is looked at, for known and unknown names alike.
        if (!string.Equals(name, RamUser.RootUserName, StringComparison.OrdinalIgnoreCase) && (await providers.UserSsoAsync(cancellationToken)).Enabled)
        {
            await audit.RecordAsync(user, attempt.SourceIp, AuditResult.Denied, "SsoRequired", ["password"], cancellationToken);
            return new SignInOutcome(null, SignInOutcome.SsoRequiredError);
        }

        if (user is null || user.PasswordHash is null)
        {
            hasher.VerifyHashedPassword(new RamUser(), DummyHash.Value, attempt.Password ?? "");
            await audit.RecordAsync(null, attempt.SourceIp, AuditResult.Denied, "InvalidCredentials", ["password"], cancellationToken);
            return SignInOutcome.Failed;
        }

        var passwordOk = hasher.VerifyHashedPassword(user, user.PasswordHash, attempt.Password ?? "") != PasswordVerificationResult.Failed;

        if (SignInFailures.IsLocked(user, now))
        {
            // Same answer as a wrong password, even when the password is right: a lock must not be probeable.
            await audit.RecordAsync(user, attempt.SourceIp, AuditResult.Denied, "AccountLocked", ["password"], cancellationToken);
            return SignInOutcome.Failed;
        }

        if (!passwordOk)
        {
            var lockedNow = SignInFailures.Register(user, settings, now);
            await users.UpdateAsync(user);
            await audit.RecordAsync(user, attempt.SourceIp, AuditResult.Denied, lockedNow ? "LockedOut" : "InvalidCredentials", ["password"], cancellationToken);
            return SignInOutcome.Failed;
        }

        if (!user.ConsoleLoginEnabled)
        {
            await audit.RecordAsync(user, attempt.SourceIp, AuditResult.Denied, "ConsoleLoginDisabled", ["password"], cancellationToken);
            return SignInOutcome.Failed;
        }

        user.AccessFailedCount = 0;
        await users.UpdateAsync(user);

        var expired = user.Kind == PrincipalKind.User && settings.MaxPasswordAge > 0
            && (user.PasswordChangedAt ?? user.CreatedAt) + TimeSpan.FromDays(settings.MaxPasswordAge) <= now;
        if (expired && settings.HardExpiry)
        {
            await audit.RecordAsync(user, attempt.SourceIp, AuditResult.Denied, "PasswordExpired", ["password"], cancellationToken);
            return new SignInOutcome(null, SignInOutcome.HardExpiredError);
        }
        return new SignInOutcome(user, PasswordExpired: expired);
    }
}
