using BenchmarkDotNet.Attributes;
using RamConsole.Policy.Workloads;
using RamConsole.Tests.Shared;

namespace RamConsole.Benchmarks;

/// <summary>
/// Deciding the 10k workload, single-threaded, with the request context as the strings the API receives.
/// One invocation decides all 10,000 requests; BenchmarkDotNet reports the time and bytes per decision.
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private WorkloadRequest[] _requests = [];

    [GlobalSetup]
    public void Load() => _requests = [.. Workload.Load(SharedVectors.PathOf("workload-10k.json")).Requests];

    [Benchmark(OperationsPerInvoke = 10_000)]
    public int DecideWorkload()
    {
        var sink = 0;
        foreach (var request in _requests) sink += (int)WorkloadRunner.Decide(request);
        return sink;
    }
}

/// <summary>Validating and compiling the workload's 200 documents from their JSON text (warm JIT).</summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private string[] _documents = [];

    [GlobalSetup]
    public void Load()
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(SharedVectors.PathOf("workload-10k.json")));
        _documents = [.. json.RootElement.GetProperty("policies").EnumerateArray().Select(p => p.GetProperty("document").GetRawText())];
    }

    [Benchmark]
    public int Compile200Documents()
    {
        var statements = 0;
        foreach (var document in _documents) statements += RamConsole.Policy.Documents.PolicyParser.Parse(document).Document!.Statements.Count;
        return statements;
    }
}
