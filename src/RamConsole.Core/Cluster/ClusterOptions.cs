namespace RamConsole.Core.Cluster;

/// <summary>
/// Several nodes (<c>Cluster:*</c>). The invalidation transport is PostgreSQL's LISTEN/NOTIFY; these say how often a
/// node proves to itself that it still hears it and how long a silence it tolerates before failing safe.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>How often each node sends itself a heartbeat through the transport.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A node that has heard nothing (not even its own heartbeat) for this long stops trusting its caches.</summary>
    public TimeSpan SilentAfter { get; set; } = TimeSpan.FromSeconds(3);
}

/// <summary>This process, as the other nodes see it in the transport: an id unique to this run.</summary>
public sealed class ClusterNode
{
    public string Id { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}
