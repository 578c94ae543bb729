using System.Diagnostics;
using System.Text.Json;
using RamConsole.Tests.Shared;

namespace RamConsole.Benchmarks;

/// <summary>
/// <c>--cluster [connections] [seconds] [samples]</c>: RamConsole on PostgreSQL (and Redis for nonces), Release build.
/// GetCallerIdentity and AssumeRole against one node, then spread round-robin over two nodes on the same machine; then
/// the propagation delay: an AccessKey disabled (or enabled again) on node a, measured from the acknowledgement of that
/// call until node b first answers accordingly, polled back to back.
/// </summary>
internal static class ClusterLoad
{
    private const string Ram = "2015-05-01";
    private const string Sts = "2015-04-01";

    public static async Task RunAsync(int connections, int seconds, int samples)
    {
        var database = await PostgresForTests.CreateDatabaseAsync(migrated: false);
        using var redis = new RedisForTests();
        var logs = Path.Combine(Path.GetTempPath(), "ramconsole-cluster-bench");
        Directory.CreateDirectory(logs);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Database__Provider"] = "PostgreSQL", ["ConnectionStrings__Ram"] = database,
            ["Redis__Configuration"] = redis.Configuration, ["Bootstrap__RootPassword"] = "Root-Passw0rd-Bench", ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        await using var a = new ClusterNodeProcess("a", ClusterNodeProcess.FreePort(), environment, logs);
        await using var b = new ClusterNodeProcess("b", ClusterNodeProcess.FreePort(), environment, logs);
        await a.StartAsync(TimeSpan.FromSeconds(90));
        var (keyId, secret, account) = await AdministratorAsync(environment);
        var role = $"acs:ram::{account}:role/bench";
        var trust = JsonSerializer.Serialize(new { Statement = new[] { new { Action = "sts:AssumeRole", Effect = "Allow", Principal = new { RAM = new[] { $"acs:ram::{account}:root" } } } }, Version = "1" });
        await Client(a, keyId, secret).V1Async(Ram, "CreateRole", new Dictionary<string, string> { ["RoleName"] = "bench", ["AssumeRolePolicyDocument"] = trust });

        async Task MeasureAsync(string label, ClusterNodeProcess[] nodes)
        {
            var clients = nodes.Select(n => Client(n, keyId, secret)).ToArray();
            long next = 0;
            RpcClient Next() => clients[(int)(Interlocked.Increment(ref next) % clients.Length)];
            await LoadMeasure.RunAsync($"GetCallerIdentity, {label}", "calls/s", async () => (await Next().V1Async(Sts, "GetCallerIdentity")).Status, connections, seconds);
            await LoadMeasure.RunAsync($"AssumeRole, {label}", "tokens/s", async () =>
                (await Next().V1Async(Sts, "AssumeRole", new Dictionary<string, string> { ["RoleArn"] = role, ["RoleSessionName"] = "bench" })).Status, connections, seconds);
        }

        await MeasureAsync("warm-up", [a]);
        await MeasureAsync("one node", [a]);
        await b.StartAsync(TimeSpan.FromSeconds(90));
        await MeasureAsync("warm-up", [a, b]);
        await MeasureAsync("two nodes", [a, b]);

        // Propagation: toggle a key on a, time until b agrees.
        var admin = Client(a, keyId, secret);
        await admin.V1Async(Ram, "CreateUser", new Dictionary<string, string> { ["UserName"] = "probe" });
        var (_, created) = await admin.V1Async(Ram, "CreateAccessKey", new Dictionary<string, string> { ["UserName"] = "probe" });
        var probeId = created.GetProperty("AccessKey").GetProperty("AccessKeyId").GetString()!;
        var probe = Client(b, probeId, created.GetProperty("AccessKey").GetProperty("AccessKeySecret").GetString()!);
        var delays = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var active = i % 2 == 1;
            await probe.V1Async(Sts, "GetCallerIdentity"); // b holds the current state in its cache
            var (status, _) = await admin.V1Async(Ram, "UpdateAccessKey", new Dictionary<string, string>
                { ["UserName"] = "probe", ["UserAccessKeyId"] = probeId, ["Status"] = active ? "Active" : "Inactive" });
            if (status != 200) throw new InvalidOperationException("UpdateAccessKey failed");
            var acknowledged = Stopwatch.StartNew();
            while ((await probe.V1Async(Sts, "GetCallerIdentity")).Status == 200 != active)
            {
                if (acknowledged.Elapsed > TimeSpan.FromSeconds(5)) throw new TimeoutException("b did not hear the change within 5 s");
            }
            delays.Add(acknowledged.Elapsed.TotalMilliseconds);
        }
        delays.Sort();
        Console.WriteLine($"Propagation (acknowledged on a → in force on b), n={delays.Count}: p50 {delays[delays.Count / 2]:F1} ms, " +
            $"p99 {delays[(int)(delays.Count * 0.99)]:F1} ms, max {delays[^1]:F1} ms");
        await PostgresForTests.DropDatabaseAsync(database);
    }

    private static RpcClient Client(ClusterNodeProcess node, string keyId, string secret) =>
        new(new HttpClient { BaseAddress = new Uri(node.BaseUrl) }, keyId, secret);

    private static async Task<(string KeyId, string Secret, string Account)> AdministratorAsync(Dictionary<string, string> environment)
    {
        await using var core = new InProcessCore(InProcessCore.FromEnvironment(environment), Path.GetTempPath());
        var key = await core.AdministratorAsync("bench");
        return (key.AccessKeyId, key.AccessKeySecret, core.AccountId);
    }
}
