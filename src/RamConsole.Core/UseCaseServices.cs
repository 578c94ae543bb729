using Microsoft.Extensions.Options;
using RamConsole.Core.Account;
using RamConsole.Core.Audit;
using RamConsole.Core.Changes;
using RamConsole.Core.Persistence;

namespace RamConsole.Core;

/// <summary>
/// What every use case needs, and the only way it reaches the database: <see cref="BeginChangeAsync"/> and
/// <see cref="BeginReadAsync"/> decide at the gate first (a refusal is audited and nothing is looked up), and only then
/// open a unit of work. The gate-free steps (<see cref="GateFreeStep"/>) have their own, named entries.
/// </summary>
public sealed class UseCaseServices(
    IDbContextFactory<RamDbContext> dbFactory,
    RamAuthorizer gate,
    AuditTrail audit,
    RamAccount account,
    TimeProvider time,
    IOptions<RamLimits> limits,
    EffectivePolicies effectivePolicies,
    IChangeFeed feed)
{
    public AuditTrail Audit { get; } = audit;
    public RamAccount Account { get; } = account;
    public TimeProvider Time { get; } = time;
    public RamLimits Limits { get; } = limits.Value;
    public EffectivePolicies EffectivePolicies { get; } = effectivePolicies;

    /// <summary>The resource a RAM action names (DESIGN §3: <c>acs:ram:*:&lt;AccountId&gt;:&lt;type&gt;/&lt;name&gt;</c>).</summary>
    public string Resource(string type, string name) => $"acs:ram:*:{Account.AccountId}:{type}/{name}";

    /// <summary>The whole account, for actions on account-wide settings and listings.</summary>
    public string AccountResource => $"acs:ram:*:{Account.AccountId}:*";

    /// <summary>Decides <paramref name="action"/> on <paramref name="resourceArn"/>, then opens a change (holding the change lock).</summary>
    public async Task<Change> BeginChangeAsync(Caller caller, string action, string resourceArn, CancellationToken cancellationToken,
        SelfService? selfService = null, IReadOnlyDictionary<string, string>? extraContext = null)
    {
        await gate.DemandAsync(caller, action, resourceArn, selfService, cancellationToken, extraContext);
        return new Change(await OpenLockedAsync(cancellationToken), Audit, feed, gate, caller, action, resourceArn);
    }

    /// <summary>
    /// <see cref="BeginChangeAsync"/>, then finds what the change acts on (<paramref name="find"/>, which throws
    /// EntityNotExist.* for a stranger); when finding fails the change is closed again, unwritten.
    /// </summary>
    public async Task<(Change Change, T Target)> BeginChangeOfAsync<T>(Caller caller, string action, string resourceArn,
        Func<RamDbContext, Task<T>> find, CancellationToken cancellationToken, SelfService? selfService = null,
        IReadOnlyDictionary<string, string>? extraContext = null)
    {
        var change = await BeginChangeAsync(caller, action, resourceArn, cancellationToken, selfService, extraContext);
        try
        {
            return (change, await find(change.Db));
        }
        catch
        {
            await change.DisposeAsync();
            throw;
        }
    }

    /// <summary>Decides <paramref name="action"/> on <paramref name="resourceArn"/>, then opens a context for reading.</summary>
    public async Task<RamDbContext> BeginReadAsync(Caller caller, string action, string resourceArn, CancellationToken cancellationToken,
        SelfService? selfService = null)
    {
        await gate.DemandAsync(caller, action, resourceArn, selfService, cancellationToken);
        return await dbFactory.CreateDbContextAsync(cancellationToken);
    }

    /// <summary>
    /// A listing filtered row by row by the gate: a context, with the gate's AssumeRole decision for this caller (its
    /// policies AND each role's trust policy). The use case keeps the rows the decision allows — what the caller could
    /// learn by calling AssumeRole — and shows the others only to a caller the gate allows ram:ListRoles.
    /// </summary>
    public async Task<(RamDbContext Db, Func<Policy.Evaluation.PolicyRef, string, Policy.Evaluation.Decision> MayAssume)> BeginAssumeRoleFilteredReadAsync(
        Caller caller, CancellationToken cancellationToken)
    {
        var check = await gate.AssumeRoleCheckerAsync(caller, cancellationToken);
        return (await dbFactory.CreateDbContextAsync(cancellationToken), check);
    }

    /// <summary>
    /// A read shown only to a caller the gate would allow (an overview figure, a page's optional panel): null when
    /// not allowed. It is a check, not a request, so a refusal is not audited.
    /// </summary>
    public async Task<RamDbContext?> TryBeginReadAsync(Caller caller, string action, string resourceArn, CancellationToken cancellationToken) =>
        await MayAsync(caller, action, resourceArn, cancellationToken) ? await dbFactory.CreateDbContextAsync(cancellationToken) : null;

    /// <summary>Decides and refuses (audited), for a use case that reads no database (a simulation, a cached value).</summary>
    public Task DemandAsync(Caller caller, string action, string resourceArn, CancellationToken cancellationToken, SelfService? selfService = null) =>
        gate.DemandAsync(caller, action, resourceArn, selfService, cancellationToken);

    /// <summary>Whether the gate would allow it — a check for pages (disabling a button) and optional figures; nothing audited.</summary>
    public async Task<bool> MayAsync(Caller caller, string action, string resourceArn, CancellationToken cancellationToken) =>
        (await gate.DecideAsync(caller, action, resourceArn, cancellationToken)).Allowed;

    /// <summary>The gate itself, for the decisions that are more than (action, resource): AssumeRole's trust half.</summary>
    internal RamAuthorizer Gate => gate;

    // The gate-free entries take the step only so that every call names why it may run without a decision (GateFree.cs
    // says why each may); the architecture test checks that only classes marked [GateFree] call them.

    /// <summary>A change for a gate-free step (no caller); it commits with the step's own audit entry.</summary>
    public async Task<Change> BeginGateFreeChangeAsync(GateFreeStep step, CancellationToken cancellationToken) =>
        new(await OpenLockedAsync(cancellationToken), Audit, feed, null, null, null, null);

    /// <summary>A context for reading in a gate-free step.</summary>
    public Task<RamDbContext> OpenGateFreeAsync(GateFreeStep step, CancellationToken cancellationToken) => dbFactory.CreateDbContextAsync(cancellationToken);

    // One change at a time: a use case's checks (the name is free, the limit is not reached, the row it rewrites is
    // current) must still hold when it commits; without this, two identical requests at once both passed the checks (a
    // unique-index error, a third AccessKey, a lost update). SQLite (one node): a lock in this process — SQLite commits
    // one writer at a time anyway, so it costs no throughput. PostgreSQL (several nodes): the change is one transaction
    // that first takes a transaction-scoped advisory lock in the database, so changes are serialised across every node;
    // the database releases it at commit or rollback, and when a node dies mid-change. Unique indexes stay as the last
    // line (a duplicate that slipped past is a database error, never a second row).
    private readonly SemaphoreSlim _changing = new(1, 1);

    /// <summary>The advisory-lock key of the change lock on PostgreSQL (any constant; "RAMC").</summary>
    internal const long ChangeLockKey = 0x52414D43;

    /// <summary>How long a change waits for the one before it before giving up with 503 (a stuck writer must not pile up requests).</summary>
    internal TimeSpan ChangeWait { get; set; } = TimeSpan.FromSeconds(10);

    private static RamException Busy() => new("ServiceUnavailable", "Too many changes are waiting; try again shortly.", 503);

    private async Task<RamDbContext> OpenLockedAsync(CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken); // no connection yet: cheap to throw away
        try
        {
            if (db.Database.IsNpgsql())
            {
                await LockInDatabaseAsync(db, cancellationToken);
                return db;
            }
            if (!await _changing.WaitAsync(ChangeWait, cancellationToken)) throw Busy();
            db.HoldUntilDisposed(new Concurrency.HeldSemaphore(_changing));
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private async Task LockInDatabaseAsync(RamDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.BeginTransactionAsync(cancellationToken);
        var sql = FormattableString.Invariant($"SET LOCAL lock_timeout = {(long)ChangeWait.TotalMilliseconds}; SELECT pg_advisory_xact_lock({ChangeLockKey})");
        try
        {
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken); // numbers only: nothing from input
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.LockNotAvailable)
        {
            throw Busy();
        }
    }
}
