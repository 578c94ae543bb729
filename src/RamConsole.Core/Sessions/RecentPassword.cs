using Microsoft.Extensions.Options;
using RamConsole.Core.Audit;
using RamConsole.Core.SignIn;
using RamConsole.Core.Users;

namespace RamConsole.Core.Sessions;

public sealed class RecentPasswordOptions
{
    public const string Section = "RecentPassword";

    /// <summary>How long after entering the password a console session may change its own sign-in factors.</summary>
    public int Minutes { get; set; } = 15;
}

/// <summary>
/// Changing one's own sign-in factors from the console (binding or removing an authenticator app or a security key,
/// new recovery codes) needs the password entered within the last few minutes — at sign-in or confirmed since — so
/// that a session left open or stolen cannot swap in an attacker's factor and keep the account.
/// Administrators acting on other users, and API callers, are not asked: their gate is the policy.
/// </summary>
[GateFree(GateFreeStep.Reauthentication)]
public sealed class RecentPassword(UseCaseServices services, ConsoleSessions sessions, OwnPasswordCheck passwords, IOptions<RecentPasswordOptions> options)
{
    /// <summary>The error code of a change refused until the password is confirmed.</summary>
    public const string RequiredCode = "ReauthenticationRequired";

    private TimeSpan Window => TimeSpan.FromMinutes(options.Value.Minutes);

    /// <summary>Whether <paramref name="caller"/> must confirm their password before changing <paramref name="userName"/>'s factors.</summary>
    public async Task<bool> IsNeededAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        if (caller.Channel != CallChannel.Console || caller.SessionId is not { } sessionId || caller.Type == PrincipalKind.AssumedRole) return false;
        if (!string.Equals(caller.Name, userName, StringComparison.OrdinalIgnoreCase)) return false;
        return await sessions.VerifiedAtAsync(sessionId, cancellationToken) is not { } at || services.Time.GetUtcNow() - at >= Window;
    }

    public async Task DemandAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        if (await IsNeededAsync(caller, userName, cancellationToken))
            throw new RamException(RequiredCode,
                $"Enter your password again to change your sign-in factors: it was last entered over {options.Value.Minutes} minutes ago.", 403);
    }

    /// <summary>The signed-in user enters their password again; wrong ones count toward lockout.</summary>
    public async Task ConfirmAsync(Caller caller, string? password, CancellationToken cancellationToken = default)
    {
        if (caller.SessionId is not { } sessionId || caller.Type == PrincipalKind.AssumedRole)
            throw RamErrors.Invalid("InvalidParameter.Caller", "Only a console session confirms its password.");
        if (string.IsNullOrEmpty(password)) throw RamErrors.Invalid("MissingParameter", "Enter your password.", "Password");
        // Under the change lock: password checks count failures, one at a time.
        await using var change = await services.BeginGateFreeChangeAsync(GateFreeStep.Reauthentication, cancellationToken);
        var user = await change.Db.Users.FindPrincipalAsync(caller.Name, cancellationToken);
        await passwords.VerifyAsync(change.Db, caller, user, password, SystemEvents.ConfirmPassword, "InvalidParameter.Password", "Password", cancellationToken);
        await change.CommitAsync(AuditEntry.For(caller, SystemEvents.ConfirmPassword, services.Resource("user", user.UserName!)), cancellationToken);
        await sessions.MarkVerifiedAsync(sessionId, cancellationToken);
    }
}
