using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RamConsole.Core;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Account;
using RamConsole.Core.Authorization;
using RamConsole.Core.Policies;
using RamConsole.Core.Users;
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
    private ServiceProvider? _core;

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
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddRamCore(new ConfigurationBuilder().AddInMemoryCollection(Environment().Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ":"), (string?)kv.Value))).Build(),
            Path.Combine(Path.GetTempPath(), "ramconsole-cluster-" + Guid.NewGuid().ToString("N")));
        _core = services.BuildServiceProvider();
        var root = Root;
        await Use<CreateUser>().RunAsync(root, new("admin"));
        await Use<PolicyAttachments>().AttachAsync(root, "System", "AdministratorAccess", PrincipalKind.User, "admin");
        var key = await Use<AccessKeyUseCases>().CreateAsync(root, "admin");
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
    public Core.Persistence.RamDbContext NewDb() =>
        _core!.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Persistence.RamDbContext>>().CreateDbContext();

    public T Use<T>() where T : notnull => _core!.CreateScope().ServiceProvider.GetRequiredService<T>();

    public Caller Root
    {
        get
        {
            var account = _core!.GetRequiredService<RamAccount>();
            return new Caller { Type = PrincipalKind.Root, Arn = account.RootArn, Name = "root", DisplayName = "root", Channel = CallChannel.Console };
        }
    }

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
