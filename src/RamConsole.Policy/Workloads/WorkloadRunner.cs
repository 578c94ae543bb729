using System.Diagnostics;
using RamConsole.Policy.Evaluation;

namespace RamConsole.Policy.Workloads;

/// <summary>What <c>policy simulate --workload</c> prints (one JSON line); <see cref="Runs"/> are the timed runs' rates.</summary>
public sealed record WorkloadReport(int Requests, int Mismatches, int Allow, int ExplicitDeny, int ImplicitDeny, double Seconds, double DecisionsPerSecond)
{
    public IReadOnlyList<double> Runs { get; init; } = [];
}

/// <summary>
/// Decides every request of a workload with the production engine and checks it against the expected decision.
/// Timing covers deciding only, single-threaded, the way the JavaScript reference is timed (median of its runs):
/// after warm-up passes for at least <c>warmUpSeconds</c> (default a second) — so the JIT has tiered the engine up, as it has on a server that has
/// been deciding for a while — it times <see cref="TimedRuns"/> runs of at least <c>minSeconds</c> / runs each
/// and reports their median.
/// </summary>
public static class WorkloadRunner
{
    public static (WorkloadReport Report, DecisionKind[] Decisions) Run(Workload workload, double minSeconds = 2.0, double warmUpSeconds = 1.0)
    {
        var requests = workload.Requests as WorkloadRequest[] ?? [.. workload.Requests]; // array: no interface call per request
        var decisions = new DecisionKind[requests.Length];
        for (var i = 0; i < requests.Length; i++) decisions[i] = Decide(requests[i]);

        int mismatches = 0, allow = 0, deny = 0, implicitDeny = 0;
        for (var i = 0; i < requests.Length; i++)
        {
            if (decisions[i] != requests[i].Expected) mismatches++;
            switch (decisions[i])
            {
                case DecisionKind.Allow: allow++; break;
                case DecisionKind.ExplicitDeny: deny++; break;
                default: implicitDeny++; break;
            }
        }

        var sink = 0;
        var warm = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warm).TotalSeconds < warmUpSeconds) sink += Pass(requests);

        var rates = new double[TimedRuns];
        var started = Stopwatch.GetTimestamp();
        for (var run = 0; run < TimedRuns; run++)
        {
            long decided = 0;
            var runStarted = Stopwatch.GetTimestamp();
            var budget = (long)(minSeconds / TimedRuns * Stopwatch.Frequency);
            do
            {
                sink += Pass(requests);
                decided += requests.Length;
            }
            while (Stopwatch.GetTimestamp() - runStarted < budget);
            rates[run] = Math.Round(decided / Stopwatch.GetElapsedTime(runStarted).TotalSeconds);
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        GC.KeepAlive(sink);
        var median = rates.Order().ElementAt(TimedRuns / 2);
        return (new WorkloadReport(requests.Length, mismatches, allow, deny, implicitDeny, Math.Round(seconds, 3), median) { Runs = rates }, decisions);
    }

    public const int TimedRuns = 5;

    // One pass in its own method, so the JIT tiers it up like any hot method instead of patching a running loop.
    private static int Pass(WorkloadRequest[] requests)
    {
        var sink = 0;
        foreach (var request in requests) sink += (int)Decide(request);
        return sink;
    }

    public static DecisionKind Decide(WorkloadRequest request) =>
        request.Policies.Decide(request.Action, request.Resource, request.Context);
}
