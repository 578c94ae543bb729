using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RamConsole.Core.Account;
using RamConsole.Core.Audit;
using RamConsole.Core.Authorization;
using RamConsole.Core.Persistence;

namespace RamConsole.Core;

/// <summary>
/// What every use case needs — database, gate, audit, clock, account, limits, policy cache — in one constructor
/// argument, so use cases stay small and all pass through the same gate and audit trail.
/// </summary>
public sealed class UseCaseServices(
    IDbContextFactory<RamDbContext> dbFactory,
    RamAuthorizer gate,
    AuditTrail audit,
    RamAccount account,
    TimeProvider time,
    IOptions<RamLimits> limits,
    EffectivePolicies effectivePolicies)
{
    public IDbContextFactory<RamDbContext> DbFactory { get; } = dbFactory;
    public RamAuthorizer Gate { get; } = gate;
    public AuditTrail Audit { get; } = audit;
    public RamAccount Account { get; } = account;
    public TimeProvider Time { get; } = time;
    public RamLimits Limits { get; } = limits.Value;
    public EffectivePolicies EffectivePolicies { get; } = effectivePolicies;

    /// <summary>The resource a RAM action names (DESIGN §3: <c>acs:ram:*:&lt;AccountId&gt;:&lt;type&gt;/&lt;name&gt;</c>).</summary>
    public string Resource(string type, string name) => $"acs:ram:*:{Account.AccountId}:{type}/{name}";

    /// <summary>The whole account, for actions on account-wide settings and listings.</summary>
    public string AccountResource => $"acs:ram:*:{Account.AccountId}:*";

    /// <summary>An audit entry for a successful write by <paramref name="caller"/>.</summary>
    public static AuditEntry Entry(Caller caller, string action, string resource, object? before, object? after) =>
        AuditEntry.For(caller, action, resource) with { Before = before, After = after };

    // One change at a time in this process: a use case's checks (the name is free, the limit is not reached, the row it
    // rewrites is current) must still hold when it commits. SQLite commits one writer at a time anyway, so this costs
    // no throughput; without it, two identical requests at once both passed the checks (a unique-index error, a third
    // AccessKey, a lost update).
    private readonly SemaphoreSlim _changing = new(1, 1);

    /// <summary>How long a change waits for the one before it before giving up with 503 (a stuck writer must not pile up requests).</summary>
    internal TimeSpan ChangeWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A context for a change: it holds the change lock from before its first read until it is disposed.</summary>
    public async Task<RamDbContext> OpenForChangeAsync(CancellationToken cancellationToken)
    {
        if (!await _changing.WaitAsync(ChangeWait, cancellationToken))
            throw new Errors.RamException("ServiceUnavailable", "Too many changes are waiting; try again shortly.", 503);
        try
        {
            var db = await DbFactory.CreateDbContextAsync(cancellationToken);
            db.HoldUntilDisposed(new Concurrency.HeldSemaphore(_changing));
            return db;
        }
        catch
        {
            _changing.Release();
            throw;
        }
    }

    /// <summary>Saves the change and its audit event in one transaction; then drops cached policy sets if asked.</summary>
    public async Task CommitAsync(RamDbContext db, Caller caller, string action, string resource, object? before, object? after,
        bool policiesChanged, CancellationToken cancellationToken)
    {
        Audit.Stage(db, Entry(caller, action, resource, before, after));
        await db.SaveChangesAsync(cancellationToken);
        if (policiesChanged) EffectivePolicies.Invalidate();
    }
}
