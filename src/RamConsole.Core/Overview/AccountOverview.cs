using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Account;
using RamConsole.Core.Audit;
using RamConsole.Core.Persistence;
using RamConsole.Core.Users;

namespace RamConsole.Core.Overview;

public sealed record OverviewCounts(int Users, int Groups, int Roles, int CustomPolicies);

public sealed record OverviewSnapshot(string AccountId, string Alias, OverviewCounts Counts, IReadOnlyList<AuditEvent> RecentEvents);

/// <summary>The dashboard's numbers: one small query per figure, never a table load.</summary>
public sealed class AccountOverview(IDbContextFactory<RamDbContext> dbFactory, RamAccount account, ListAuditEvents auditEvents)
{
    /// <summary>Counts for everyone signed in; the recent audit events only for a caller who may read the audit log.</summary>
    public async Task<OverviewSnapshot> GetAsync(Authorization.Caller caller, int recentEvents = 10, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = new OverviewCounts(
            await db.Users.CountAsync(u => u.Kind == PrincipalKind.User, cancellationToken),
            await db.Groups.CountAsync(cancellationToken),
            await db.Roles.CountAsync(cancellationToken),
            await db.Policies.CountAsync(cancellationToken));
        IReadOnlyList<AuditEvent> recent = await auditEvents.IsAllowedAsync(caller, cancellationToken)
            ? await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).Take(recentEvents).ToListAsync(cancellationToken)
            : [];
        return new OverviewSnapshot(account.AccountId, account.Alias, counts, recent);
    }
}
