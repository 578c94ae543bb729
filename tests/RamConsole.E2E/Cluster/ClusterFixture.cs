using RamConsole.Tests.Shared;

namespace RamConsole.E2E.Cluster;

/// <summary>
/// Three RamConsole processes on one PostgreSQL database and one Redis, as several nodes behind a load balancer run:
/// node a migrates and bootstraps first, b and c join it. An administrator with an AccessKey is arranged through Core's
/// use cases on the same database (a fourth writer, as <c>dotnet RamConsole.Web.dll migrate</c> would be).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string RootPassword = "Root-Passw0rd-Cluster-Tests";
    private RedisForTests? _redis;
    private InProcessCore? _core;

    public string ConnectionString { get; private set; } = "";
    public List<ClusterNodeProcess> Nodes { get; } = [];
    public string AdminKeyId { get; private set; } = "";
    public string AdminKeySecret { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresForTests.CreateDatabaseAsync(migrated: false);
        _redis = new RedisForTests();
        var logs = Path.GetDirectoryName(Support.Browser.ArtifactPath("cluster.txt"))!;
        foreach (var name in new[] { "a", "b", "c" })
        {
            var node = new ClusterNodeProcess(name, Support.NodeScripts.FreePort(), Environment(), logs);
            Nodes.Add(node);
            await node.StartAsync(TimeSpan.FromSeconds(90)); // one after another: a migrates, b and c find it done
        }
        _core = new InProcessCore(InProcessCore.FromEnvironment(Environment()), Path.Combine(Path.GetTempPath(), "ramconsole-cluster-" + Guid.NewGuid().ToString("N")));
        var key = await _core.AdministratorAsync("admin");
        (AdminKeyId, AdminKeySecret) = (key.AccessKeyId, key.AccessKeySecret);
    }

    /// <summary>What every node is started with: the shared engines, nothing of its own.</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database__Provider"] = "PostgreSQL",
        ["ConnectionStrings__Ram"] = ConnectionString,
        ["Redis__Configuration"] = _redis!.Configuration,
        ["Bootstrap__RootPassword"] = RootPassword,
        ["Bootstrap__AccountAlias"] = "cluster-test",
        ["Serilog__MinimumLevel__Default"] = "Warning",
        ["Limits__Users"] = "100000", // the soak creates users for a minute
    };

    /// <summary>The database as Core sees it, for counting what the nodes wrote.</summary>
    public Core.Persistence.RamDbContext NewDb() => _core!.NewDb();

    public T Use<T>() where T : notnull => _core!.Use<T>();

    public Core.Authorization.Caller Root => _core!.Root;

    public string AccountId => _core!.AccountId;

    /// <summary>RPC parameters, in the order written.</summary>
    public static Dictionary<string, string> P(params (string Key, string Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    /// <summary>A trust policy letting the account's own principals (with sts:AssumeRole) assume a role.</summary>
    public string TrustAccount() => System.Text.Json.JsonSerializer.Serialize(new
    {
        Statement = new[] { new { Action = "sts:AssumeRole", Effect = "Allow", Principal = new { RAM = new[] { $"acs:ram::{AccountId}:root" } } } },
        Version = "1",
    });

    /// <summary>A signed-API client of node <paramref name="index"/> with the administrator's key (or another).</summary>
    public RpcClient Client(int index, string? keyId = null, string? secret = null, string? token = null) =>
        new(new HttpClient { BaseAddress = new Uri(Nodes[index].BaseUrl), Timeout = TimeSpan.FromSeconds(30) }, keyId ?? AdminKeyId, secret ?? AdminKeySecret, token);

    public async Task DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
        if (_core is not null) await _core.DisposeAsync();
        _redis?.Dispose();
        if (ConnectionString.Length > 0) await PostgresForTests.DropDatabaseAsync(ConnectionString);
    }
}

/// <summary>The several-node tests share one cluster: starting three nodes costs more than most of the tests.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Three nodes on PostgreSQL and Redis";
}
