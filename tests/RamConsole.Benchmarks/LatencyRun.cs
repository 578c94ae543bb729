using System.Diagnostics;
using RamConsole.Policy.Catalog;
using RamConsole.Policy.Evaluation;
using RamConsole.Policy.Workloads;
using RamConsole.Tests.Shared;

namespace RamConsole.Benchmarks;

/// <summary>
/// Per-decision latency percentiles, which BenchmarkDotNet does not give for sub-microsecond operations: after a
/// warm-up long enough for JIT tiering, each decision is timed on its own with Stopwatch timestamps (whose own cost,
/// measured with an empty interval, is reported beside them and included in the figures).
/// </summary>
internal static class LatencyRun
{
    /// <summary>
    /// The first pass compiles each (policy list, action) plan the workload touches, on first use: its time and the
    /// managed memory it leaves (arena, rule and plan indexes, tables), against what compiling every catalogue action for
    /// every principal up front would have meant.
    /// </summary>
    private static void ReportLazyCompilation(WorkloadRequest[] requests)
    {
        var memory = GC.GetTotalMemory(forceFullCollection: true);
        var started = Stopwatch.GetTimestamp();
        foreach (var request in requests) WorkloadRunner.Decide(request);
        var elapsed = Stopwatch.GetElapsedTime(started);
        memory = GC.GetTotalMemory(forceFullCollection: true) - memory;
        var plans = PolicySet.CompiledPlans();
        var principals = requests.Select(r => r.Policies).Distinct().Count();
        var pairs = requests.Select(r => (r.Policies, r.Action)).Distinct().Count();
        Console.WriteLine($"first pass (lazy compile): {elapsed.TotalMilliseconds:F1} ms for {principals:N0} principals' sets over {plans.PolicyLists:N0} distinct policy lists, "
            + $"{pairs:N0} (set, action) pairs met -> {plans.Plans:N0} distinct plans, {plans.Rules:N0} distinct rules, arena {plans.ArenaBytes / 1024.0:F0} KiB, "
            + $"managed memory +{memory / 1024.0:F0} KiB (up front would be {principals * ActionCatalog.All.Count:N0} set x action plans)");
    }

    public static void Run(double warmupSeconds = 5, int passes = 50)
    {
        var started = Stopwatch.GetTimestamp();
        var workload = Workload.Load(SharedVectors.PathOf("workload-10k.json"));
        Console.WriteLine($"cold load of the workload: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms, of which compiling {workload.DocumentCount} documents: {workload.CompileTime.TotalMilliseconds:F1} ms");
        var requests = workload.Requests.ToArray();
        ReportLazyCompilation(requests);

        var warm = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warm).TotalSeconds < warmupSeconds)
        {
            foreach (var request in requests) WorkloadRunner.Decide(request);
        }

        var samples = new long[requests.Length * passes];
        var overhead = new long[10_000];
        for (var i = 0; i < overhead.Length; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            overhead[i] = Stopwatch.GetTimestamp() - t0;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var n = 0;
        var total = Stopwatch.GetTimestamp();
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var request in requests)
            {
                var t0 = Stopwatch.GetTimestamp();
                WorkloadRunner.Decide(request);
                samples[n++] = Stopwatch.GetTimestamp() - t0;
            }
        }
        var seconds = Stopwatch.GetElapsedTime(total).TotalSeconds;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Array.Sort(samples);
        Array.Sort(overhead);
        double Ns(long ticks) => ticks * 1e9 / Stopwatch.Frequency;
        Console.WriteLine($"decisions: {n:N0} in {seconds:F2} s (timed individually) = {n / seconds:N0}/s");
        Console.WriteLine($"per decision: p50 {Ns(samples[n / 2]):F0} ns, p99 {Ns(samples[(int)(n * 0.99)]):F0} ns, p99.9 {Ns(samples[(int)(n * 0.999)]):F0} ns, max {Ns(samples[^1]):F0} ns");
        Console.WriteLine($"timer overhead included: p50 {Ns(overhead[overhead.Length / 2]):F0} ns");
        Console.WriteLine($"allocated while deciding: {allocated} bytes ({(double)allocated / n:F3} per decision)");
    }
}
