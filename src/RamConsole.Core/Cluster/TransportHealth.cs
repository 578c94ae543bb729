using Microsoft.Extensions.Options;

namespace RamConsole.Core.Cluster;

/// <summary>
/// Whether this node currently hears the invalidation transport. Its caches are only as good as what it hears: a node
/// that has heard nothing for <see cref="ClusterOptions.SilentAfter"/> may have missed a revocation committed on another
/// node, so it fails safe — the API answers 503, the caches are emptied while the silence lasts, and readiness reports
/// not ready so a load balancer stops sending it traffic — until it hears again. One node (SQLite) has nothing to hear
/// and is always healthy.
/// </summary>
public sealed class TransportHealth(TimeProvider time, IOptions<ClusterOptions> options)
{
    private long _lastHeardTicks = long.MinValue;

    /// <summary>False on a single node: nothing is shared, so nothing can be missed.</summary>
    public bool Clustered { get; init; }

    public void Heard() => Interlocked.Exchange(ref _lastHeardTicks, time.GetUtcNow().UtcTicks);

    /// <summary>Forgets having heard anything (the listening connection was lost: nothing it heard before counts).</summary>
    public void Lost() => Interlocked.Exchange(ref _lastHeardTicks, long.MinValue);

    public TimeSpan? SinceHeard
    {
        get
        {
            var last = Interlocked.Read(ref _lastHeardTicks);
            return last == long.MinValue ? null : TimeSpan.FromTicks(time.GetUtcNow().UtcTicks - last);
        }
    }

    public bool IsHealthy => !Clustered || SinceHeard is { } since && since < options.Value.SilentAfter;
}
