using RamConsole.Core.Persistence;
using RamConsole.Core.Users;
using RamConsole.Core.Settings;
using RamConsole.Core.Sessions;

namespace RamConsole.Core.Mfa;

/// <summary>
/// What every change to a user's factors shares: the gate with its self-service rule, the recent-password demand,
/// and what removing a factor does (sessions end, recovery codes go with the last factor).
/// </summary>
[GateFree(GateFreeStep.SelfService)]
public sealed class MfaDeviceGate(UseCaseServices services, SecuritySettingsStore settings, ConsoleSessions sessions, RecentPassword recentPassword)
{
    /// <summary>
    /// The gate first (a refused caller learns nothing about the user), with the self-service rule: a user may manage
    /// their own factors when AllowUserToManageMFADevices is on, may always see their own, and — when they must have MFA
    /// and have none — may always add their first factor, whatever the toggle says.
    /// </summary>
    internal SelfService SelfServiceFor(string userName, string action) => new(userName, async ct =>
    {
        if (action == RamActions.GetUserMFAInfo) return true;
        var current = await settings.GetAsync(ct);
        if (current.AllowUserToManageMfaDevices) return true;
        if (action is not (RamActions.BindMFADevice or RamActions.CreateVirtualMFADevice)) return false;
        await using var db = await services.OpenGateFreeAsync(GateFreeStep.SelfService, ct); // the caller's own record
        var user = await FindAsync(db, userName, ct);
        return current.MfaRequiredFor(user) && !await MfaDevices.HasFactorAsync(db, user.Id, ct);
    });

    internal async Task<(RamDbContext Db, RamUser User)> ReadAsync(Caller caller, string action, string userName, CancellationToken cancellationToken)
    {
        var name = RamNames.UserName(userName);
        var db = await services.BeginReadAsync(caller, action, services.Resource("user", name), cancellationToken, SelfServiceFor(name, action));
        try
        {
            return (db, await FindAsync(db, name, cancellationToken));
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>A change to the user's factors; changing one's own from the console needs the password entered recently.</summary>
    internal async Task<(Changes.Change Change, RamUser User)> ChangeAsync(Caller caller, string action, string userName, CancellationToken cancellationToken,
        bool recentPasswordNeeded = true)
    {
        var name = RamNames.UserName(userName);
        var (change, user) = await services.BeginChangeOfAsync(caller, action, services.Resource("user", name), db => FindAsync(db, name, cancellationToken),
            cancellationToken, SelfServiceFor(name, action));
        try
        {
            if (recentPasswordNeeded) await recentPassword.DemandAsync(caller, user.UserName!, cancellationToken);
            return (change, user);
        }
        catch
        {
            await change.DisposeAsync();
            throw;
        }
    }

    internal static Task<RamUser> FindAsync(RamDbContext db, string userName, CancellationToken cancellationToken) =>
        db.Users.FindPrincipalAsync(userName, cancellationToken);

    internal static List<string> StageRecoveryCodes(RamDbContext db, string userId, DateTimeOffset now)
    {
        db.RecoveryCodes.RemoveRange([.. db.RecoveryCodes.Where(c => c.UserId == userId)]);
        var codes = RecoveryCodes.Generate().ToList();
        db.RecoveryCodes.AddRange(codes.Select(c => new RecoveryCode { UserId = userId, Hash = RecoveryCodes.Hash(c), CreatedAt = now }));
        return codes;
    }

    internal async Task RemovedAsync(Changes.Change change, Caller caller, RamUser user, object removed, CancellationToken cancellationToken, bool endCallerSession = false)
    {
        var db = change.Db;
        user.MfaGeneration++;
        if (!await MfaDevices.HasFactorAsync(db, user.Id, cancellationToken))
            db.RecoveryCodes.RemoveRange(await db.RecoveryCodes.Where(c => c.UserId == user.Id).ToListAsync(cancellationToken));
        var ended = await sessions.EndAllInAsync(db, user.Id, "MfaDeviceRemoved", exceptSessionId: endCallerSession ? null : caller.SessionId, cancellationToken: cancellationToken);
        await change.CommitAsync(removed, new { SessionsEnded = ended.Count }, cancellationToken);
    }
}
