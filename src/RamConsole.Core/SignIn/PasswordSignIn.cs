using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RamConsole.Core.Account;
using RamConsole.Core.Audit;
using RamConsole.Core.Users;

namespace RamConsole.Core.SignIn;

/// <summary>
/// Checks a console password with lockout ON (the Blazor template leaves it off to avoid denial of service by
/// strangers; for an access-management console, slowing password guessing matters more, and an administrator can
/// unlock). Time comes from <see cref="TimeProvider"/> so lockout expiry is testable without sleeping.
/// </summary>
public sealed class PasswordSignIn(
    UserManager<RamUser> users,
    IPasswordHasher<RamUser> hasher,
    IOptions<IdentityOptions> identityOptions,
    RamAccount account,
    AuditTrail audit,
    TimeProvider time)
{
    public const string AuditAction = "ram:ConsoleSignIn";

    // A real hash of a random password: verifying against it makes an unknown user cost as much as a known one.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<RamUser>().HashPassword(new RamUser(), Guid.NewGuid().ToString()));

    public async Task<SignInOutcome> CheckAsync(SignInAttempt attempt, CancellationToken cancellationToken = default)
    {
        var user = string.IsNullOrWhiteSpace(attempt.UserName) ? null : await users.FindByNameAsync(attempt.UserName.Trim());
        var now = time.GetUtcNow();

        if (user is null || user.PasswordHash is null)
        {
            hasher.VerifyHashedPassword(new RamUser(), DummyHash.Value, attempt.Password ?? "");
            await RecordAsync(null, attempt, AuditResult.Denied, "InvalidCredentials", cancellationToken);
            return SignInOutcome.Failed;
        }

        var passwordOk = hasher.VerifyHashedPassword(user, user.PasswordHash, attempt.Password ?? "") != PasswordVerificationResult.Failed;

        if (user.LockoutEnd is { } end && end > now)
        {
            // Same answer as a wrong password, even when the password is right: a lock must not be probeable.
            await RecordAsync(user, attempt, AuditResult.Denied, "AccountLocked", cancellationToken);
            return SignInOutcome.Failed;
        }

        if (!passwordOk)
        {
            var lockout = identityOptions.Value.Lockout;
            user.AccessFailedCount++;
            var lockedNow = user.LockoutEnabled && lockout.MaxFailedAccessAttempts > 0 && user.AccessFailedCount >= lockout.MaxFailedAccessAttempts;
            if (lockedNow)
            {
                user.LockoutEnd = now + lockout.DefaultLockoutTimeSpan;
                user.AccessFailedCount = 0;
            }
            await users.UpdateAsync(user);
            await RecordAsync(user, attempt, AuditResult.Denied, lockedNow ? "LockedOut" : "InvalidCredentials", cancellationToken);
            return SignInOutcome.Failed;
        }

        if (!user.ConsoleLoginEnabled)
        {
            await RecordAsync(user, attempt, AuditResult.Denied, "ConsoleLoginDisabled", cancellationToken);
            return SignInOutcome.Failed;
        }

        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        user.LastLoginAt = now;
        await users.UpdateAsync(user);
        await RecordAsync(user, attempt, AuditResult.Success, null, cancellationToken);
        return new SignInOutcome(user);
    }

    private Task RecordAsync(RamUser? user, SignInAttempt attempt, AuditResult result, string? code, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEntry
        {
            Action = AuditAction,
            // An unknown name is not recorded: people type passwords into the user name box.
            PrincipalArn = user is null ? "anonymous" : PrincipalArn(user),
            PrincipalType = user is null ? "Anonymous" : user.Kind == PrincipalKind.Root ? "Root" : "User",
            Channel = AuditChannel.Console,
            SourceIp = attempt.SourceIp,
            ResourceArn = user is null ? null : PrincipalArn(user),
            Result = result,
            ErrorCode = code,
            RequestId = Guid.NewGuid().ToString(),
            Detail = new { Factors = new[] { "password" } },
        }, cancellationToken);

    private string PrincipalArn(RamUser user) =>
        user.Kind == PrincipalKind.Root ? Arns.Root(account.AccountId) : Arns.User(account.AccountId, user.UserName!);
}
