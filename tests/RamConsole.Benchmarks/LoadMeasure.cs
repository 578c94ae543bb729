using System.Diagnostics;

namespace RamConsole.Benchmarks;

/// <summary>
/// One closed-loop load measurement: <c>connections</c> workers call as fast as answers come for <c>seconds</c>, then
/// the rate and p50/p99 latency are printed. A call answering -1 has nothing left to send (its worker stops).
/// </summary>
internal static class LoadMeasure
{
    public static async Task RunAsync(string name, string unit, Func<Task<int>> call, int connections, int seconds)
    {
        var latencies = new List<double>[connections];
        var failures = 0;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            while (stop.Elapsed.TotalSeconds < seconds)
            {
                var started = Stopwatch.GetTimestamp();
                var status = await call();
                if (status == -1) break;
                if (status != 200) Interlocked.Increment(ref failures);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var elapsed = stop.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).OrderBy(x => x).ToList();
        Console.WriteLine($"{name}: {all.Count / elapsed:N0} {unit} over {elapsed:F1} s at {connections} connections; " +
            $"p50 {all[all.Count / 2]:F1} ms, p99 {all[(int)(all.Count * 0.99)]:F1} ms; failures {failures}");
    }
}
