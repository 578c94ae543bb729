using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Authorization;
using RamConsole.Core.Errors;
using RamConsole.Core.Users;

namespace RamConsole.Core.Sessions;

public sealed record ConsoleSessionView(string Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt,
    string? SourceIp, string? UserAgent, string Factors);

/// <summary>
/// A user's active console sessions: the user sees and ends their own; an administrator needs
/// <c>ram:ListConsoleSessions</c> / <c>ram:EndConsoleSessions</c> (RamConsole actions). Ending takes effect on the
/// session's next request or circuit revalidation.
/// </summary>
public sealed class UserSessions(UseCaseServices services, ConsoleSessions sessions)
{
    public async Task<IReadOnlyList<ConsoleSessionView>> ListAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var user = await AuthorizeAsync(caller, "ram:ListConsoleSessions", userName, cancellationToken);
        var rows = await sessions.ActiveForUserAsync(user.Id, cancellationToken);
        return [.. rows.Select(s => new ConsoleSessionView(s.Id, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.SourceIp, s.UserAgent, s.Factors))];
    }

    /// <summary>Ends one session (<paramref name="sessionId"/>) or all of them (null); returns how many ended.</summary>
    public async Task<int> EndAsync(Caller caller, string userName, string? sessionId, CancellationToken cancellationToken = default)
    {
        var user = await AuthorizeAsync(caller, "ram:EndConsoleSessions", userName, cancellationToken);
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var ended = await sessions.EndAllInAsync(db, user.Id, caller.Name == user.UserName ? "EndedByUser" : "EndedByAdministrator",
            onlySessionId: sessionId, cancellationToken: cancellationToken);
        if (sessionId is not null && ended.Count == 0) throw RamErrors.NotFound("User.Session", sessionId);
        await services.CommitAsync(db, caller, "ram:EndConsoleSessions", services.Resource("user", user.UserName!), null,
            new { SessionsEnded = ended.Count }, policiesChanged: false, cancellationToken);
        sessions.Forget();
        return ended.Count;
    }

    private async Task<RamUser> AuthorizeAsync(Caller caller, string action, string userName, CancellationToken cancellationToken)
    {
        await using var db = await services.DbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FindPrincipalAsync(userName, cancellationToken);
        // Everyone may see and end their own sessions.
        await services.Gate.DemandSelfServiceAsync(caller, action, services.Resource("user", user.UserName!), user.UserName!, selfServiceAllowed: true, cancellationToken);
        return user;
    }
}
