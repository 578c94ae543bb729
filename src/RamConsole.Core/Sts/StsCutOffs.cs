using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Sts;

/// <summary>
/// The per-principal cut-offs in memory: loaded once (a small table), then kept current by the use cases that write
/// them (<see cref="Stage"/> inside their transaction, <see cref="Remember"/> after it commits), so token checks never
/// read the database. A cut-off remembered while the table is being loaded is kept aside and merged in, since the load
/// may have read the table before that cut-off committed.
/// </summary>
public sealed class StsCutOffs(IDbContextFactory<RamDbContext> dbFactory)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile ConcurrentDictionary<string, DateTimeOffset>? _cutOffs;
    private readonly Lock _publishing = new();
    private readonly Dictionary<string, DateTimeOffset> _rememberedWhileLoading = new(StringComparer.Ordinal);

    public async Task<DateTimeOffset?> ForAsync(string sourceArn, CancellationToken cancellationToken = default)
    {
        var cutOffs = _cutOffs ?? await LoadAsync(cancellationToken);
        return cutOffs.TryGetValue(sourceArn, out var at) ? at : null;
    }

    /// <summary>Adds or moves the principal's cut-off in <paramref name="db"/>'s pending changes.</summary>
    public static async Task StageAsync(RamDbContext db, string sourceArn, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var row = await db.StsCutOffs.FindAsync([sourceArn], cancellationToken);
        if (row is null) db.StsCutOffs.Add(new StsCutOff { SourceArn = sourceArn, RevokedAt = at });
        else row.RevokedAt = at;
    }

    /// <summary>After the transaction that staged it commits.</summary>
    public void Remember(string sourceArn, DateTimeOffset at)
    {
        lock (_publishing)
        {
            if (_cutOffs is { } cutOffs) cutOffs[sourceArn] = at;
            else _rememberedWhileLoading[sourceArn] = at;
        }
    }

    private async Task<ConcurrentDictionary<string, DateTimeOffset>> LoadAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_cutOffs is { } loaded) return loaded;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var rows = await db.StsCutOffs.AsNoTracking().ToListAsync(cancellationToken);
            var cutOffs = new ConcurrentDictionary<string, DateTimeOffset>(rows.Select(r => KeyValuePair.Create(r.SourceArn, r.RevokedAt)), StringComparer.Ordinal);
            lock (_publishing)
            {
                foreach (var (arn, at) in _rememberedWhileLoading) cutOffs[arn] = at; // committed after the read above
                _rememberedWhileLoading.Clear();
                return _cutOffs = cutOffs;
            }
        }
        finally
        {
            _loading.Release();
        }
    }
}
