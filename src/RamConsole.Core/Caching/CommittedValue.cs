namespace RamConsole.Core.Caching;

/// <summary>
/// One value read from the database and kept until the commit path forgets it (<see cref="Forget"/>). A read that
/// began before a Forget may have read the older row: it is never kept, and is read again — so a revocation or a
/// tightened setting committed while a check was loading applies to that very check.
/// </summary>
public sealed class CommittedValue<T> where T : class
{
    private volatile T? _value;
    private long _generation;

    public void Forget()
    {
        Interlocked.Increment(ref _generation);
        _value = null;
    }

    /// <summary>Keeps a value known to be current (bootstrap's own row, or a test's).</summary>
    public void Set(T value) => _value = value;

    public bool IsLoaded => _value is not null;

    // Under constant churn the reads could chase commits forever; after this many the latest read is answered (not kept).
    private const int MaxReads = 5;

    public T Get(Func<T> load)
    {
        T loaded = null!;
        for (var read = 0; read < MaxReads; read++)
        {
            if (_value is { } value) return value;
            var generation = Interlocked.Read(ref _generation);
            loaded = load();
            if (TryPublish(loaded, generation, out var published)) return published;
        }
        return loaded;
    }

    public async Task<T> GetAsync(Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
    {
        T loaded = null!;
        for (var read = 0; read < MaxReads; read++)
        {
            if (_value is { } value) return value;
            var generation = Interlocked.Read(ref _generation);
            loaded = await load(cancellationToken);
            if (TryPublish(loaded, generation, out var published)) return published;
        }
        return loaded;
    }

    private bool TryPublish(T loaded, long generation, out T published)
    {
        published = loaded;
        if (Interlocked.Read(ref _generation) != generation) return false; // a change committed while this read ran
        published = Interlocked.CompareExchange(ref _value, loaded, null) ?? loaded;
        if (Interlocked.Read(ref _generation) == generation) return true;
        _value = null; // forgotten between the check and the store: do not keep it
        return false;
    }
}
