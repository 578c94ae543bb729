using System.Diagnostics;
using RamConsole.Tests.Shared;

namespace RamConsole.Benchmarks;

/// <summary>
/// A loopback load generator for the RPC API (issue 6): signed GetCallerIdentity and AssumeRole at a fixed number of
/// concurrent connections for a fixed time, reporting requests/s and p50/p99. Run it against a Release server, e.g.
///   dotnet run -c Release --project tests/RamConsole.Benchmarks -- --api-load http://localhost:5253 LTAI… secret acs:ram::…:role/x 32 10
/// The load generator shares the 2-core machine with the server, as the issue asks.
/// </summary>
internal static class ApiLoad
{
    public static async Task RunAsync(string baseUrl, string keyId, string secret, string roleArn, int connections, int seconds)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
        var client = new RpcClient(http, keyId, secret);
        foreach (var (name, call) in new (string, Func<Task<int>>)[]
        {
            ("GetCallerIdentity (V3)", async () => (await client.V3Async("2015-04-01", "GetCallerIdentity")).Status),
            ("AssumeRole (V1)", async () => (await client.V1Async("2015-04-01", "AssumeRole", new Dictionary<string, string> { ["RoleArn"] = roleArn, ["RoleSessionName"] = "load", ["DurationSeconds"] = "900" })).Status),
        })
        {
            for (var i = 0; i < 200; i++) await call(); // warm-up
            var latencies = new List<double>[connections];
            var failures = 0;
            var stop = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
            {
                var mine = latencies[worker] = [];
                while (stop.Elapsed.TotalSeconds < seconds)
                {
                    var started = Stopwatch.GetTimestamp();
                    if (await call() != 200) Interlocked.Increment(ref failures);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }));
            var all = latencies.SelectMany(l => l).OrderBy(x => x).ToList();
            Console.WriteLine($"{name}: {all.Count / stop.Elapsed.TotalSeconds:N0} req/s over {stop.Elapsed.TotalSeconds:F1} s at {connections} connections; " +
                $"p50 {all[all.Count / 2]:F1} ms, p99 {all[(int)(all.Count * 0.99)]:F1} ms; failures {failures}");
        }
    }
}
