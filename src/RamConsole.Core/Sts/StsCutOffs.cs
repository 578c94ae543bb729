using RamConsole.Core.Changes;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Sts;

/// <summary>
/// The per-principal cut-offs in memory: the whole (small) table, loaded once and kept until a change to it commits
/// (the commit path calls <see cref="Forget"/>), so token checks never read the database. A load that began before a
/// commit's <see cref="Forget"/> may have read the table before that cut-off committed: it is not kept.
/// </summary>
public sealed class StsCutOffs(IDbContextFactory<RamDbContext> dbFactory) : ICommittedStateCache
{
    private readonly Caching.CommittedValue<Dictionary<string, DateTimeOffset>> _cutOffs = new();

    public Touched BuiltFrom => Touched.StsCutOffs;

    public void Forget() => _cutOffs.Forget();

    public async Task<DateTimeOffset?> ForAsync(string sourceArn, CancellationToken cancellationToken = default)
    {
        var cutOffs = await _cutOffs.GetAsync(async ct =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await db.StsCutOffs.AsNoTracking().ToDictionaryAsync(r => r.SourceArn, r => r.RevokedAt, StringComparer.Ordinal, ct);
        }, cancellationToken);
        return cutOffs.TryGetValue(sourceArn, out var at) ? at : null;
    }

    /// <summary>Adds or moves the principal's cut-off in <paramref name="db"/>'s pending changes (the change's commit publishes it).</summary>
    public static async Task StageAsync(RamDbContext db, string sourceArn, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var row = await db.StsCutOffs.FindAsync([sourceArn], cancellationToken);
        if (row is null) db.StsCutOffs.Add(new StsCutOff { SourceArn = sourceArn, RevokedAt = at });
        else row.RevokedAt = at;
    }
}
