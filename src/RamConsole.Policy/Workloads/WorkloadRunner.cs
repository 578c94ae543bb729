using System.Diagnostics;
using RamConsole.Policy.Evaluation;

namespace RamConsole.Policy.Workloads;

/// <summary>What <c>policy simulate --workload</c> prints (one JSON line).</summary>
public sealed record WorkloadReport(int Requests, int Mismatches, int Allow, int ExplicitDeny, int ImplicitDeny, double Seconds, double DecisionsPerSecond);

/// <summary>
/// Decides every request of a workload with the production engine and checks it against the expected decision.
/// Timing covers deciding only: after one untimed warm-up pass it repeats the request list, single-threaded, until at
/// least <c>minSeconds</c> of deciding have elapsed, and reports the rate over those passes.
/// </summary>
public static class WorkloadRunner
{
    public static (WorkloadReport Report, DecisionKind[] Decisions) Run(Workload workload, double minSeconds = 2.0)
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

        long decided = 0;
        var started = Stopwatch.GetTimestamp();
        var budget = (long)(minSeconds * Stopwatch.Frequency);
        var sink = 0;
        do
        {
            sink += Pass(requests);
            decided += requests.Length;
        }
        while (Stopwatch.GetTimestamp() - started < budget);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        GC.KeepAlive(sink);

        return (new WorkloadReport(requests.Length, mismatches, allow, deny, implicitDeny, Math.Round(seconds, 3), Math.Round(decided / seconds)), decisions);
    }

    // One pass in its own method, so the JIT tiers it up like any hot method instead of patching a running loop.
    private static int Pass(WorkloadRequest[] requests)
    {
        var sink = 0;
        foreach (var request in requests) sink += (int)Decide(request);
        return sink;
    }

    public static DecisionKind Decide(WorkloadRequest request) =>
        request.Policies.Evaluate(request.Action, request.Resource, request.Context).Kind;
}
