using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RamConsole.Tests.Shared;
using Xunit.Abstractions;

namespace RamConsole.E2E.Cluster;

/// <summary>
/// A minute of mixed signed traffic (reads, writes, AssumeRole) spread round-robin over three nodes, one of which is
/// killed with SIGKILL a third of the way in and started again later: every acknowledged write is there afterwards,
/// once; the surviving nodes never fail a call; the restarted node rejoins and hears the others' changes again.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SoakTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const string Ram = "2015-05-01";
    private const string Sts = "2015-04-01";
    private static readonly TimeSpan Length = TimeSpan.FromSeconds(60);


    [Fact]
    public async Task A_minute_of_mixed_traffic_with_one_node_killed_loses_no_acknowledged_write_and_the_node_rejoins()
    {
        var account = cluster.AccountId;
        Assert.Equal(200, (await cluster.Client(0).V1Async(Ram, "CreateRole", ClusterFixture.P(("RoleName", "soak"), ("AssumeRolePolicyDocument", cluster.TrustAccount())))).Status);

        var acknowledged = new ConcurrentBag<string>();
        var calls = new long[3];
        var unreachable = new long[3];
        var failures = new ConcurrentBag<string>();
        var kinds = new ConcurrentDictionary<string, long>();
        var down = 0; // node c is killed: its refused connections are expected, nobody else's are
        var clock = Stopwatch.StartNew();
        var sequence = 0L;

        async Task WorkerAsync(int worker)
        {
            var clients = Enumerable.Range(0, 3).Select(i => cluster.Client(i)).ToArray();
            while (clock.Elapsed < Length)
            {
                var n = Interlocked.Increment(ref sequence);
                var node = (int)(n % 3);
                var kind = (n / 3 % 5) switch { 0 or 1 => "read", 2 => "list", 3 => "write", _ => "assume" };
                var name = $"soak-{worker}-{n}";
                try
                {
                    var (status, body) = kind switch
                    {
                        "read" => await clients[node].V1Async(Ram, "GetUser", ClusterFixture.P(("UserName", "admin"))),
                        "list" => await clients[node].V1Async(Ram, "ListUsers", ClusterFixture.P(("MaxItems", "20"))),
                        "write" => await clients[node].V1Async(Ram, "CreateUser", ClusterFixture.P(("UserName", name))),
                        _ => await clients[node].V1Async(Sts, "AssumeRole", ClusterFixture.P(("RoleArn", $"acs:ram::{account}:role/soak"), ("RoleSessionName", "soak"))),
                    };
                    if (node == 2 && Volatile.Read(ref down) == 1 && status == 503)
                    {
                        // c is starting again: it answers, but refuses until it has heard the transport — and says so
                        // on /healthz/ready, which is why a load balancer would not send it this call yet.
                        Interlocked.Increment(ref unreachable[node]);
                        continue;
                    }
                    Interlocked.Increment(ref calls[node]);
                    kinds.AddOrUpdate(kind, 1, (_, c) => c + 1);
                    if (status == 200 && kind == "write") acknowledged.Add(name);
                    if (status != 200) failures.Add($"{clock.Elapsed.TotalSeconds:F1} s: {kind} on node {node}: {status} {body}");
                }
                catch (HttpRequestException) when (node == 2 && Volatile.Read(ref down) == 1)
                {
                    Interlocked.Increment(ref unreachable[node]); // the killed node: a load balancer would try another
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    if (node == 2 && Volatile.Read(ref down) == 1) Interlocked.Increment(ref unreachable[node]);
                    else failures.Add($"{clock.Elapsed.TotalSeconds:F1} s: {kind} on node {node}: {e.GetType().Name} {e.Message}");
                }
            }
        }

        var workers = Enumerable.Range(0, 4).Select(WorkerAsync).ToList();
        await Task.Delay(TimeSpan.FromSeconds(20));
        Volatile.Write(ref down, 1);
        cluster.Nodes[2].Kill();
        var killedAt = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(12));
        await cluster.Nodes[2].StartAsync(TimeSpan.FromSeconds(60));
        var rejoinedAt = clock.Elapsed;
        Volatile.Write(ref down, 0);
        await Task.WhenAll(workers);

        var names = acknowledged.ToList();
        await using var db = cluster.NewDb();
        var present = await db.Users.CountAsync(u => u.UserName!.StartsWith("soak-"));
        var distinct = await db.Users.Where(u => u.UserName!.StartsWith("soak-")).Select(u => u.NormalizedUserName).Distinct().CountAsync();
        var missing = names.Except(await db.Users.Where(u => u.UserName!.StartsWith("soak-")).Select(u => u.UserName!).ToListAsync()).ToList();
        var report = $"soak {Length.TotalSeconds:F0} s: calls a/b/c {calls[0]}/{calls[1]}/{calls[2]} ({string.Join(", ", kinds.Select(k => $"{k.Key} {k.Value}"))}); " +
            $"c killed at {killedAt.TotalSeconds:F1} s, ready again at {rejoinedAt.TotalSeconds:F1} s, {unreachable[2]} calls to it refused or answered \"not in sync\" meanwhile; " +
            $"acknowledged writes {names.Count}, users present {present} (distinct {distinct}), missing {missing.Count}; failures {failures.Count}";
        output.WriteLine(report);
        await File.WriteAllTextAsync(Support.Browser.ArtifactPath("soak.txt"), report + "\n" + string.Join("\n", failures.Take(20)));

        Assert.Empty(missing);
        Assert.Equal(present, distinct);
        Assert.True(names.Count > 100, report);
        Assert.True(calls[0] > 500 && calls[1] > 500, report);
        Assert.Empty(failures);

        // Rejoined: it answers, and it hears the other nodes' changes again.
        var (keyStatus, key) = await cluster.Client(0).V1Async(Ram, "CreateAccessKey", ClusterFixture.P(("UserName", names[0])));
        Assert.Equal(200, keyStatus);
        var (id, secret) = (key.GetProperty("AccessKey").GetProperty("AccessKeyId").GetString()!, key.GetProperty("AccessKey").GetProperty("AccessKeySecret").GetString()!);
        Assert.Equal(200, (await cluster.Client(2, id, secret).V1Async(Sts, "GetCallerIdentity")).Status);
        Assert.Equal(200, (await cluster.Client(1).V1Async(Ram, "UpdateAccessKey", ClusterFixture.P(("UserName", names[0]), ("UserAccessKeyId", id), ("Status", "Inactive")))).Status);
        var watch = Stopwatch.StartNew();
        while ((await cluster.Client(2, id, secret).V1Async(Sts, "GetCallerIdentity")).Status == 200 && watch.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(10);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"the restarted node refused the disabled key after {watch.Elapsed}");
    }
}
