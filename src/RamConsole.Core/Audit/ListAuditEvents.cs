using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Account;
using RamConsole.Core.Authorization;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Audit;

public sealed record AuditPage(IReadOnlyList<AuditEvent> Items, int TotalCount);

/// <summary>Reads the audit trail, newest first, one page at a time. Needs <c>ram:ListAuditEvents</c>.</summary>
public sealed class ListAuditEvents(IDbContextFactory<RamDbContext> dbFactory, RamAuthorizer gate, RamAccount account)
{
    public const string Action = "ram:ListAuditEvents";
    public const int MaxPageSize = 200;

    public string ResourceArn => $"acs:ram:*:{account.AccountId}:*";

    public async Task<bool> IsAllowedAsync(Caller caller, CancellationToken cancellationToken = default) =>
        (await gate.DecideAsync(caller, Action, ResourceArn, cancellationToken)).Allowed;

    public async Task<AuditPage> RunAsync(Caller caller, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await gate.DemandAsync(caller, Action, ResourceArn, cancellationToken);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(page, 0);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var total = await db.AuditEvents.CountAsync(cancellationToken);
        var items = await db.AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Id)
            .Skip(page * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new AuditPage(items, total);
    }
}
