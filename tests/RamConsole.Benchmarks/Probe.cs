using System.Diagnostics;
using RamConsole.Policy.Evaluation;
using RamConsole.Policy.Workloads;
using RamConsole.Tests.Shared;

namespace RamConsole.Benchmarks;

internal static class Probe
{
    public static void Run()
    {
        var w = Workload.Load(SharedVectors.PathOf("workload-10k.json"));
        var reqs = w.Requests.ToArray();
        var one = reqs[0].Policies;
        var sorted = reqs.OrderBy(r => r.Policies.GetHashCode()).ToArray();
        long resourceChecks = 0, resourceHits = 0, condChecks = 0, condCount = 0;
        var shapes = new Dictionary<string, int>();
        foreach (var r in reqs)
        {
            var cands = r.Policies.Policies.SelectMany(p => p.Document.Statements).Where(s => s.MatchesAction(r.Action))
                .OrderBy(s => s.Effect == RamConsole.Policy.Documents.Effect.Deny ? 0 : 1).ToList();
            var ctx = r.Context;
            foreach (var s in cands)
            {
                resourceChecks++;
                foreach (var g in s.ResourcePatterns) { var k = g.Count(c => c == '*') + "*" + (g.Contains('?') ? "?" : ""); shapes[k] = shapes.GetValueOrDefault(k) + 1; }
                if (!s.MatchesResource(r.Resource.Replace(":*:", "::"))) continue;
                resourceHits++;
                condChecks++;
                condCount += s.Conditions.Count;
                var scratch = new EvaluationScratch(in ctx);
                if (s.ConditionsHold(ref scratch)) break;
            }
        }
        Console.WriteLine($"per decision: resource checks {resourceChecks / (double)reqs.Length:F2}, hits {resourceHits / (double)reqs.Length:F2}, condition sets {condChecks / (double)reqs.Length:F2}, conditions {condCount / (double)reqs.Length:F2}");
        Console.WriteLine(string.Join(", ", shapes.Select(kv => $"{kv.Key}:{kv.Value}")));
        var glob = new RamConsole.Policy.Matching.Glob("acs:kvstore:*:1234567890123456:instance/r-bp1*", false);
        var glob3 = new RamConsole.Policy.Matching.Glob("acs:kvstore:*:*:instance/r-*", false);
        for (var round = 0; round < 3; round++)
        {
            Time("noop", reqs, r => r.Action.Length);
            Time("IdOf", reqs, r => RamConsole.Policy.Catalog.ActionCatalog.IdOf(r.Action));
            
            Time("ip", reqs, r => RamConsole.Policy.Matching.IpValue.TryParse(r.Context.SourceIp, out var ip) ? (int)ip.Bits : 0);
            Time("time", reqs, r => RamConsole.Policy.Matching.IsoTime.TryParseUtcTicks(r.Context.CurrentTime, out var t) ? (int)t : 0);
            Time("glob1", reqs, r => glob.IsMatch(r.Resource) ? 1 : 0);
            Time("glob3", reqs, r => glob3.IsMatch(r.Resource) ? 1 : 0);
            Time("full", reqs, r => (int)r.Policies.Evaluate(r.Action, r.Resource, r.Context).Kind);
            Time("sorted-by-set", sorted, r => (int)r.Policies.Evaluate(r.Action, r.Resource, r.Context).Kind);
            Time("one set", reqs, r => (int)one.Evaluate(r.Action, r.Resource, r.Context).Kind);
        }
    }

    private static void Time(string name, WorkloadRequest[] reqs, Func<WorkloadRequest, int> f)
    {
        var sink = 0;
        var sw = Stopwatch.StartNew();
        var n = 0;
        while (sw.ElapsedMilliseconds < 1000)
        {
            foreach (var r in reqs) sink += f(r);
            n += reqs.Length;
        }
        Console.WriteLine($"{name,-14} {sw.Elapsed.TotalNanoseconds / n,8:F1} ns/op {sink % 2}");
    }
}
