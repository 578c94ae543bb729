namespace RamConsole.Core.Changes;

/// <summary>
/// A cache of committed database state (policy sets, AccessKeys, roles, sessions, cut-offs, settings, the account).
/// Only the commit path calls <see cref="Forget"/> — through <see cref="IChangeFeed"/>, after the transaction commits —
/// so no use case can forget to, and a node that hears of another node's commit forgets in the same way.
/// </summary>
public interface ICommittedStateCache
{
    /// <summary>What the cached values are read from: a commit touching any of it makes them stale.</summary>
    Touched BuiltFrom { get; }

    /// <summary>Drops what is held, so the next read loads it again (a load that began before this must not be stored).</summary>
    void Forget();
}
