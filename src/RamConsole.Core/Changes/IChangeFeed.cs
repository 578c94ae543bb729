namespace RamConsole.Core.Changes;

/// <summary>
/// The one seam between a committed change and the caches: the commit path publishes what each committed change
/// touched, and the feed makes every cache built from it forget. One node: <see cref="LocalChangeFeed"/>. Several
/// nodes: an implementation that also broadcasts, and on hearing another node's commit does the same locally.
/// </summary>
public interface IChangeFeed
{
    /// <summary>Called after a transaction has committed (never before: a cache reloaded in between would keep the old state).</summary>
    void Publish(Touched touched);
}
