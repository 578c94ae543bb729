using RamConsole.Core.Persistence;

namespace RamConsole.Core.Changes;

/// <summary>
/// The one seam between a committed change and the caches: the commit path publishes what each committed change
/// touched, and the feed makes every cache built from it forget. One node: <see cref="LocalChangeFeed"/>. Several
/// nodes: <see cref="Cluster.PostgresChangeFeed"/>, which also stages a broadcast inside the committing transaction;
/// <see cref="Cluster.ChangeListener"/> makes each node forget what the others committed.
/// </summary>
public interface IChangeFeed
{
    /// <summary>Inside the committing transaction, just before it commits: a broadcast that commits with it (or not at all).</summary>
    Task StageAsync(RamDbContext db, Touched touched, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called after a transaction has committed (never before: a cache reloaded in between would keep the old state).</summary>
    void Publish(Touched touched);
}
