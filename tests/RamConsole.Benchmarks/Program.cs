using BenchmarkDotNet.Running;

namespace RamConsole.Benchmarks;

/// <summary>
/// Policy-engine benchmarks over ../shared/vectors/workload-10k.json. Run in Release:
///   dotnet run -c Release --project tests/RamConsole.Benchmarks -- --latency        (decisions/s, p50/p99, allocations)
///   dotnet run -c Release --project tests/RamConsole.Benchmarks -- --filter '*'     (BenchmarkDotNet: mean and bytes per decision, compile time)
///   dotnet run -c Release --project tests/RamConsole.Benchmarks -- --api-load &lt;url&gt; &lt;key id&gt; &lt;secret&gt; [connections] [seconds]
///   dotnet run -c Release --project tests/RamConsole.Benchmarks -- --audit-query [events]   (audit page queries over 1,000,000 events)
///   dotnet run -c Release --project tests/RamConsole.Benchmarks -- --redis-plane [calls]   (instance start, account and temporary-account latency, revocation to close)
///   dotnet run -c Release --project tests/RamConsole.Benchmarks -- --federation-load &lt;url&gt; &lt;key id&gt; &lt;secret&gt; [connections] [seconds]
///   tests/RamConsole.Benchmarks/federation-load.sh    (AssumeRoleWithSAML / AssumeRoleWithOIDC beside AssumeRole on a fresh Release server)
///   tests/RamConsole.Benchmarks/api-load.sh    (Release server on a fresh database, pre-signed requests, wrk: the issue 6 numbers)
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        if (args is ["--latency", ..])
        {
            LatencyRun.Run();
            return;
        }
        if (args is ["--audit-query", ..])
        {
            await AuditQueryRun.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000);
            return;
        }
        if (args is ["--cluster", ..])
        {
            await ClusterLoad.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 32, args.Length > 2 ? int.Parse(args[2]) : 10, args.Length > 3 ? int.Parse(args[3]) : 200);
            return;
        }
        if (args is ["--redis-plane", ..])
        {
            await RedisPlaneRun.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 200);
            return;
        }
        if (args is ["--presign", var baseUrl, var keyId, var keySecret, var count, var directory])
        {
            await ApiLoad.PresignAsync(baseUrl, keyId, keySecret, int.Parse(count), directory);
            return;
        }
        if (args is ["--federation-load", var fedUrl, var fedKey, var fedSecret, ..])
        {
            await FederationLoad.RunAsync(fedUrl, fedKey, fedSecret, args.Length > 4 ? int.Parse(args[4]) : 32, args.Length > 5 ? int.Parse(args[5]) : 10);
            return;
        }
        if (args is ["--api-load", var url, var key, var secret, ..])
        {
            await ApiLoad.RunAsync(url, key, secret, args.Length > 4 ? int.Parse(args[4]) : 32, args.Length > 5 ? int.Parse(args[5]) : 10);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
