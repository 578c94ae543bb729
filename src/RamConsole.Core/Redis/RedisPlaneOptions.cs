namespace RamConsole.Core.Redis;

/// <summary>
/// The <c>Redis</c> section: where instances live (regions), how managed <c>redis-server</c> processes are started,
/// and how often the plane looks after them. Not to be confused with <c>Redis:Configuration</c> of a cluster's shared
/// state; this section configures the Redis <em>resources</em> RamConsole guards.
/// </summary>
public sealed class RedisPlaneOptions
{
    public const string Section = "RedisPlane";

    /// <summary>The regions instances may be created in; the first is the default (Alibaba's examples use cn-hangzhou).</summary>
    public List<string> Regions { get; set; } = ["cn-hangzhou"];

    public string DefaultRegion => Regions.Count > 0 ? Regions[0] : "cn-hangzhou";

    /// <summary>The <c>redis-server</c> executable (Debian's is on PATH).</summary>
    public string ServerPath { get; set; } = "redis-server";

    /// <summary>The address managed instances listen on, and the host name clients are told to connect to.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Managed instances take the first free port of this inclusive range.</summary>
    public int FirstPort { get; set; } = 16379;
    public int LastPort { get; set; } = 16478;

    /// <summary>Each managed instance's data directory (config, ACL file, dump, log) is a folder here; relative to the app.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>How often the supervisor checks that managed processes run (and restarts the dead) and samples connections.</summary>
    public TimeSpan SupervisionInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a started process may take to answer PING.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a temporary account's expiry or revocation can go unnoticed when no change wakes the sweeper.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);
}
