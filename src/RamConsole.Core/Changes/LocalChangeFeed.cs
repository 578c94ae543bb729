namespace RamConsole.Core.Changes;

/// <summary>The change feed of a single process: each commit makes the caches built from what it touched forget.</summary>
public sealed class LocalChangeFeed(IEnumerable<ICommittedStateCache> caches) : IChangeFeed
{
    private readonly ICommittedStateCache[] _caches = [.. caches];

    public void Publish(Touched touched)
    {
        if (touched == Touched.None) return;
        foreach (var cache in _caches)
        {
            if ((cache.BuiltFrom & touched) != 0) cache.Forget();
        }
    }

    /// <summary>Every cache forgets: what this node may have missed (the transport fell silent or reconnected) is unknown.</summary>
    public void ForgetAll()
    {
        foreach (var cache in _caches) cache.Forget();
    }
}
