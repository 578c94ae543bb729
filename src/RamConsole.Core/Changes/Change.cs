using System.Data.Common;
using RamConsole.Core.Audit;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Changes;

/// <summary>
/// One unit of work, opened only after the gate allowed it (<see cref="UseCaseServices.BeginChangeAsync"/>) or for a
/// named gate-free step (<see cref="UseCaseServices.BeginGateFreeChangeAsync"/>). It holds the change lock from its
/// first read until it is disposed, so what it checks still holds when it commits. <see cref="CommitAsync"/> saves
/// the change and its audit event in one transaction and only then publishes what it touched, so caches change only
/// through the commit. Disposed without a commit, nothing more is written.
/// <para>On PostgreSQL the whole change is one transaction, opened with the cluster-wide change lock
/// (<see cref="UseCaseServices"/>), and the feed's broadcast is staged in it just before it commits. Saves a use case
/// made before failing (a wrong code counted, then refused) are committed when it is disposed — what SQLite's
/// autocommit does — unless the change asked for <see cref="AllOrNothingAsync"/>.</para>
/// </summary>
public sealed class Change : IAsyncDisposable
{
    private readonly AuditTrail _audit;
    private readonly IChangeFeed _feed;
    private readonly RamAuthorizer? _gate;
    private Touched _touched;
    private bool _published;
    private bool _saved;
    private bool _allOrNothing;

    internal Change(RamDbContext db, AuditTrail audit, IChangeFeed feed, RamAuthorizer? gate, Caller? caller, string? action, string? resource)
    {
        Db = db;
        _audit = audit;
        _feed = feed;
        _gate = gate;
        Caller = caller;
        Action = action;
        Resource = resource;
        // Every save is read off, intermediate ones too (a row saved first for its generated id).
        db.SavingChanges += (_, _) => _touched |= TouchedBy.Entries(db.ChangeTracker);
        db.SavedChanges += (_, _) => _saved = true;
    }

    /// <summary>Saves from here on commit together or not at all (a row saved first for its generated id, then its children).</summary>
    public async Task AllOrNothingAsync(CancellationToken cancellationToken)
    {
        _allOrNothing = true;
        if (Db.Database.CurrentTransaction is null) await Db.Database.BeginTransactionAsync(cancellationToken);
    }

    public RamDbContext Db { get; }

    /// <summary>Who asked (null for a gate-free step), the action decided and the resource it was decided on.</summary>
    public Caller? Caller { get; }
    public string? Action { get; }
    public string? Resource { get; }

    /// <summary>Declares state written around the change tracker (a bulk update): entities it saves are found by themselves.</summary>
    public void Touches(Touched touched) => _touched |= touched;

    /// <summary>
    /// A further action this change also performs (deleting a user with its AccessKeys also deletes AccessKeys):
    /// decided at the same gate, and a refusal is audited under that action; nothing is written.
    /// </summary>
    public Task DemandAlsoAsync(string action, string resourceArn, CancellationToken cancellationToken) =>
        (_gate ?? throw new InvalidOperationException("A gate-free step has no caller to decide for."))
            .DemandAsync(Caller!, action, resourceArn, null, cancellationToken);

    /// <summary>Commits the change audited as a success of its own action on its own resource, with before and after.</summary>
    public Task CommitAsync(object? before, object? after, CancellationToken cancellationToken) =>
        CommitAsync(AuditEntry.For(Caller ?? throw new InvalidOperationException("A gate-free step names its audit entry."), Action!, Resource)
            with { Before = before, After = after }, cancellationToken);

    /// <summary>Commits with this audit entry (gate-free steps, which have no caller), or none.</summary>
    public async Task CommitAsync(AuditEntry? entry, CancellationToken cancellationToken)
    {
        if (entry is not null) _audit.Stage(Db, entry);
        await Db.SaveChangesAsync(cancellationToken);
        if (Db.Database.CurrentTransaction is { } transaction)
        {
            await _feed.StageAsync(Db, _touched, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        Publish();
    }

    /// <summary>
    /// A change that saved before failing (a wrong password counted, then refused) has committed that much: it is
    /// published too. Publishing a save that was rolled back costs a reload, never a stale answer.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!_published && _saved && !_allOrNothing && Db.Database.CurrentTransaction is { } open)
        {
            try
            {
                await _feed.StageAsync(Db, _touched, CancellationToken.None);
                await open.CommitAsync();
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                // the transaction had already failed: nothing of it was committed
            }
        }
        await Db.DisposeAsync();
        Publish();
    }

    private void Publish()
    {
        if (_published) return;
        _published = true;
        _feed.Publish(_touched);
    }
}
