using RamConsole.Core.Audit;
using RamConsole.Core.Mfa;
using RamConsole.Core.Settings;
using RamConsole.Core.Sessions;
using RamConsole.Core.Users;

namespace RamConsole.Core.SignIn;

public enum NextSignInStep
{
    /// <summary>No second factor needed: start the session.</summary>
    Complete,

    /// <summary>The user has factors: ask for one.</summary>
    SecondFactor,

    /// <summary>MFA is required and the user has none: a restricted session that can only enrol.</summary>
    Enrol,
}

/// <summary>
/// Decides what follows a correct password, and starts the console session when sign-in is complete: a tracked
/// session (LoginSessionDuration from the settings), LastLoginAt, and one audited success naming the factors used.
/// </summary>
[Authorization.GateFree(Authorization.GateFreeStep.SignIn)]
public sealed class ConsoleSignInCompletion(UseCaseServices services, SecuritySettingsStore settings, ConsoleSessions sessions, SignInAudit audit)
{
    public const string Password = "pwd", Remembered = "remembered";

    public async Task<NextSignInStep> NextStepAsync(RamUser user, CancellationToken cancellationToken = default)
    {
        await using var db = await services.OpenGateFreeAsync(Authorization.GateFreeStep.SignIn, cancellationToken);
        if (await MfaDevices.HasFactorAsync(db, user.Id, cancellationToken)) return NextSignInStep.SecondFactor;
        return (await settings.GetAsync(cancellationToken)).MfaRequiredFor(user) ? NextSignInStep.Enrol : NextSignInStep.Complete;
    }

    /// <summary>Whether <paramref name="factors"/> include a second factor (what <c>acs:MFAPresent</c> reports).</summary>
    public static bool IsMultiFactor(IEnumerable<string> factors) =>
        factors.Any(f => f is SecondFactor.Otp or SecondFactor.SecurityKey or SecondFactor.Recovery or Remembered or Federation.ConsoleSso.IdpMultiFactor);

    public async Task<ConsoleSession> CompleteAsync(string userId, IReadOnlyList<string> factors, string? sourceIp, string? userAgent,
        CancellationToken cancellationToken = default)
    {
        var current = await settings.GetAsync(cancellationToken);
        RamUser user;
        await using (var change = await services.BeginGateFreeChangeAsync(Authorization.GateFreeStep.SignIn, cancellationToken))
        {
            user = await change.Db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
            user.LastLoginAt = services.Time.GetUtcNow();
            await change.CommitAsync(entry: null, cancellationToken);
        }
        var session = await sessions.StartAsync(new ConsoleSessions.Start(userId, factors, sourceIp, userAgent, TimeSpan.FromHours(current.LoginSessionDuration)), cancellationToken);
        await audit.RecordAsync(user, sourceIp, AuditResult.Success, null, factors, cancellationToken);
        return session;
    }

    /// <summary>Ends the signed-in session (sign-out, or the restricted enrolment session once enrolment is done).</summary>
    public async Task EndAsync(string sessionId, string reason, CancellationToken cancellationToken = default)
    {
        await using var change = await services.BeginGateFreeChangeAsync(Authorization.GateFreeStep.SignIn, cancellationToken);
        var now = services.Time.GetUtcNow();
        await change.Db.ConsoleSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), cancellationToken);
        change.Touches(Changes.Touched.ConsoleSessions); // a bulk update: the tracker does not see it
        await change.CommitAsync(entry: null, cancellationToken);
    }
}
