using BenchmarkDotNet.Running;

namespace RamConsole.Benchmarks;

/// <summary>
/// Policy-engine benchmarks over ../shared/vectors/workload-10k.json. Run in Release:
///   dotnet run -c Release --project tests/RamConsole.Benchmarks -- --latency        (decisions/s, p50/p99, allocations)
///   dotnet run -c Release --project tests/RamConsole.Benchmarks -- --filter '*'     (BenchmarkDotNet: mean and bytes per decision, compile time)
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["--latency", ..])
        {
            LatencyRun.Run();
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
