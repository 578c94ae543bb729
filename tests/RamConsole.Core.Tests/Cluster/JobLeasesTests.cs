using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.Cluster;
using RamConsole.Core.Tests.Support;

namespace RamConsole.Core.Tests.Cluster;

public sealed class JobLeasesTests
{
    [Fact]
    public async Task One_node_holds_a_job_until_it_expires_or_is_released_and_then_another_takes_it()
    {
        await using var host = await CoreHost.StartAsync();
        var services = host.Services.GetRequiredService<UseCaseServices>();
        var (a, b) = (new JobLeases(services, new ClusterNode()), new JobLeases(services, new ClusterNode()));

        Assert.True(await a.TryTakeAsync(JobLeases.AuditPurge, TimeSpan.FromMinutes(5)));
        Assert.False(await b.TryTakeAsync(JobLeases.AuditPurge, TimeSpan.FromMinutes(5)));
        Assert.True(await a.TryTakeAsync(JobLeases.AuditPurge, TimeSpan.FromMinutes(5))); // the holder renews
        Assert.True(await b.TryTakeAsync(JobLeases.CredentialReport, TimeSpan.FromMinutes(5))); // another job is another lease

        host.Time.Advance(TimeSpan.FromMinutes(6)); // a died: its lease runs out
        Assert.True(await b.TryTakeAsync(JobLeases.AuditPurge, TimeSpan.FromMinutes(5)));
        Assert.False(await a.TryTakeAsync(JobLeases.AuditPurge, TimeSpan.FromMinutes(5)));

        await b.ReleaseAsync(JobLeases.AuditPurge);
        Assert.True(await a.TryTakeAsync(JobLeases.AuditPurge, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task Nodes_racing_for_a_new_job_leave_exactly_one_holder()
    {
        await using var host = await CoreHost.StartAsync();
        var services = host.Services.GetRequiredService<UseCaseServices>();
        var nodes = Enumerable.Range(0, 8).Select(_ => new JobLeases(services, new ClusterNode())).ToList();

        var taken = await Task.WhenAll(nodes.Select(n => n.TryTakeAsync("race", TimeSpan.FromMinutes(1))));

        Assert.Single(taken, t => t);
    }
}
