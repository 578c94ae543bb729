using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Changes;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Sts;

/// <summary>
/// The per-principal cut-offs in memory: the whole (small) table, loaded once and kept until a change to it commits
/// (the commit path calls <see cref="Forget"/>), so token checks never read the database. A load that began before a
/// commit's <see cref="Forget"/> may have read the table before that cut-off committed: it is not kept, and is read
/// again.
/// </summary>
public sealed class StsCutOffs(IDbContextFactory<RamDbContext> dbFactory) : ICommittedStateCache
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile ConcurrentDictionary<string, DateTimeOffset>? _cutOffs;
    private long _generation;

    public Touched BuiltFrom => Touched.StsCutOffs;

    public void Forget()
    {
        Interlocked.Increment(ref _generation);
        _cutOffs = null;
    }

    public async Task<DateTimeOffset?> ForAsync(string sourceArn, CancellationToken cancellationToken = default)
    {
        var cutOffs = _cutOffs ?? await LoadAsync(cancellationToken);
        return cutOffs.TryGetValue(sourceArn, out var at) ? at : null;
    }

    /// <summary>Adds or moves the principal's cut-off in <paramref name="db"/>'s pending changes (the change's commit publishes it).</summary>
    public static async Task StageAsync(RamDbContext db, string sourceArn, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var row = await db.StsCutOffs.FindAsync([sourceArn], cancellationToken);
        if (row is null) db.StsCutOffs.Add(new StsCutOff { SourceArn = sourceArn, RevokedAt = at });
        else row.RevokedAt = at;
    }

    private async Task<ConcurrentDictionary<string, DateTimeOffset>> LoadAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                if (_cutOffs is { } loaded) return loaded;
                var generation = Interlocked.Read(ref _generation);
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var rows = await db.StsCutOffs.AsNoTracking().ToListAsync(cancellationToken);
                var cutOffs = new ConcurrentDictionary<string, DateTimeOffset>(rows.Select(r => KeyValuePair.Create(r.SourceArn, r.RevokedAt)), StringComparer.Ordinal);
                if (Interlocked.Read(ref _generation) != generation) continue; // a cut-off committed while this read ran
                _cutOffs = cutOffs;
                // A Forget between the check above and the store would be lost: check once more.
                if (Interlocked.Read(ref _generation) == generation) return cutOffs;
                _cutOffs = null;
            }
        }
        finally
        {
            _loading.Release();
        }
    }
}
