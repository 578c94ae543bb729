using RamConsole.Core.Audit;
using RamConsole.Core.Persistence;
using RamConsole.Core.Users;

namespace RamConsole.Core.Overview;

/// <summary>Each count is null when the caller may not list that kind of principal or policy.</summary>
public sealed record OverviewCounts(int? Users, int? Groups, int? Roles, int? CustomPolicies);

public sealed record OverviewSnapshot(string AccountId, string Alias, OverviewCounts Counts, IReadOnlyList<AuditEvent> RecentEvents);

/// <summary>
/// The dashboard's numbers: one small query per figure, never a table load. Each figure is read only for a caller the
/// gate allows to list what it counts (ram:ListUsers, ListGroups, ListRoles, ListPolicies); the recent audit events
/// only for one who may read the audit log. These are checks, not refusals, so a user with few rights is not audited
/// as denied.
/// </summary>
public sealed class AccountOverview(UseCaseServices services)
{
    public async Task<OverviewSnapshot> GetAsync(Authorization.Caller caller, int recentEvents = 10, CancellationToken cancellationToken = default)
    {
        async Task<T?> IfAllowed<T>(string action, string resource, Func<RamDbContext, Task<T>> read)
        {
            await using var db = await services.TryBeginReadAsync(caller, action, resource, cancellationToken);
            return db is null ? default : await read(db);
        }
        Task<int?> Count(string action, string type, Func<RamDbContext, Task<int>> count) =>
            IfAllowed<int?>(action, services.Resource(type, "*"), async db => await count(db));
        var counts = new OverviewCounts(
            await Count(RamActions.ListUsers, "user", db => db.Users.CountAsync(u => u.Kind == PrincipalKind.User, cancellationToken)),
            await Count(RamActions.ListGroups, "group", db => db.Groups.CountAsync(cancellationToken)),
            await Count(RamActions.ListRoles, "role", db => db.Roles.CountAsync(cancellationToken)),
            await Count(RamActions.ListPolicies, "policy", db => db.Policies.CountAsync(cancellationToken)));
        var recent = await IfAllowed<IReadOnlyList<AuditEvent>>(RamActions.ListAuditEvents, services.AccountResource,
            async db => await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).Take(recentEvents).ToListAsync(cancellationToken)) ?? [];
        return new OverviewSnapshot(services.Account.AccountId, services.Account.Alias, counts, recent);
    }
}
