using RamConsole.Policy.Evaluation;
using RamConsole.Policy.Workloads;
using RamConsole.Tests.Shared;

namespace RamConsole.Policy.Tests.Vectors;

public sealed class WorkloadTests
{
    [Fact]
    public void The_10k_workload_is_decided_exactly_as_expected()
    {
        var workload = Workload.Load(SharedVectors.PathOf("workload-10k.json"));

        var (report, decisions) = WorkloadRunner.Run(workload, minSeconds: 0.05, warmUpSeconds: 0.01);

        Assert.Equal(10_000, report.Requests);
        Assert.Equal(0, report.Mismatches);
        Assert.Equal(200, workload.DocumentCount);
        Assert.Equal((3480, 4574, 1946), (report.Allow, report.ExplicitDeny, report.ImplicitDeny));
        Assert.Equal(workload.Requests.Select(r => r.Expected), decisions);
        Assert.True(report.DecisionsPerSecond > 0);
        Assert.Equal(WorkloadRunner.TimedRuns, report.Runs.Count);
    }
}
