using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Account;
using RamConsole.Core.Audit;
using RamConsole.Core.Users;

namespace RamConsole.Core.Overview;

/// <summary>Each count is null when the caller may not list that kind of principal or policy.</summary>
public sealed record OverviewCounts(int? Users, int? Groups, int? Roles, int? CustomPolicies);

public sealed record OverviewSnapshot(string AccountId, string Alias, OverviewCounts Counts, IReadOnlyList<AuditEvent> RecentEvents);

/// <summary>
/// The dashboard's numbers: one small query per figure, never a table load. Each figure is shown only to a caller who
/// could list what it counts (ram:ListUsers, ListGroups, ListRoles, ListPolicies); the recent audit events only to one
/// who may read the audit log. These are checks, not refusals, so a user with few rights is not audited as denied.
/// </summary>
public sealed class AccountOverview(UseCaseServices services, RamAccount account, ListAuditEvents auditEvents)
{
    public async Task<OverviewSnapshot> GetAsync(Authorization.Caller caller, int recentEvents = 10, CancellationToken cancellationToken = default)
    {
        await using var db = await services.DbFactory.CreateDbContextAsync(cancellationToken);
        async Task<int?> CountIfAllowed(string action, string type, Func<Task<int>> count) =>
            (await services.Gate.DecideAsync(caller, action, services.Resource(type, "*"), cancellationToken)).Allowed ? await count() : null;
        var counts = new OverviewCounts(
            await CountIfAllowed(ListUsers.Action, "user", () => db.Users.CountAsync(u => u.Kind == PrincipalKind.User, cancellationToken)),
            await CountIfAllowed("ram:ListGroups", "group", () => db.Groups.CountAsync(cancellationToken)),
            await CountIfAllowed("ram:ListRoles", "role", () => db.Roles.CountAsync(cancellationToken)),
            await CountIfAllowed("ram:ListPolicies", "policy", () => db.Policies.CountAsync(cancellationToken)));
        IReadOnlyList<AuditEvent> recent = await auditEvents.IsAllowedAsync(caller, cancellationToken)
            ? await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).Take(recentEvents).ToListAsync(cancellationToken)
            : [];
        return new OverviewSnapshot(account.AccountId, account.Alias, counts, recent);
    }
}
