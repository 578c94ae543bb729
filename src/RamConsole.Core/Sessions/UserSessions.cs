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
        var name = RamNames.UserName(userName);
        await using var db = await services.BeginReadAsync(caller, RamActions.ListConsoleSessions, services.Resource("user", name), cancellationToken,
            SelfService.Always(name)); // everyone may see their own sessions
        var user = await db.Users.FindPrincipalAsync(name, cancellationToken);
        var now = services.Time.GetUtcNow();
        var rows = await db.ConsoleSessions.AsNoTracking().Where(s => s.UserId == user.Id && s.EndedAt == null).ToListAsync(cancellationToken);
        return [.. rows.Where(s => s.ExpiresAt > now).OrderByDescending(s => s.LastSeenAt)
            .Select(s => new ConsoleSessionView(s.Id, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.SourceIp, s.UserAgent, s.Factors))];
    }

    /// <summary>Ends one session (<paramref name="sessionId"/>) or all of them (null); returns how many ended.</summary>
    public async Task<int> EndAsync(Caller caller, string userName, string? sessionId, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(userName);
        var (change, user) = await services.BeginChangeOfAsync(caller, RamActions.EndConsoleSessions, services.Resource("user", name),
            db => db.Users.FindPrincipalAsync(name, cancellationToken), cancellationToken, SelfService.Always(name)); // and end them
        await using (change)
        {
            var ended = await sessions.EndAllInAsync(change.Db, user.Id, caller.Name == user.UserName ? "EndedByUser" : "EndedByAdministrator",
                onlySessionId: sessionId, cancellationToken: cancellationToken);
            if (sessionId is not null && ended.Count == 0) throw RamErrors.NotFound("User.Session", sessionId);
            await change.CommitAsync(null, new { SessionsEnded = ended.Count }, cancellationToken);
            return ended.Count;
        }
    }
}
