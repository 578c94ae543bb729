using RamConsole.Core.Audit;
using RamConsole.Core.Cluster;

namespace RamConsole.Web.Hosting;

/// <summary>
/// Runs the audit retention purge shortly after start and then once a day — on one node of the cluster: the node that
/// takes the day's lease (<see cref="JobLeases"/>) purges, the others skip that day.
/// </summary>
internal sealed class DailyAuditPurge(IServiceScopeFactory scopes, JobLeases leases, TimeProvider time, ILogger<DailyAuditPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken); // not in the start-up rush
            using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
            do
            {
                try
                {
                    // Held for most of a day and never released: another node's daily tick finds it taken and skips.
                    if (!await leases.TryTakeAsync(JobLeases.AuditPurge, TimeSpan.FromHours(23), stoppingToken)) continue;
                    using var scope = scopes.CreateScope();
                    var purged = await scope.ServiceProvider.GetRequiredService<AuditPurge>().RunAsync(stoppingToken);
                    if (purged > 0) logger.LogInformation("Purged {Count} audit events past the retention period", purged);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "The audit purge failed; it runs again tomorrow");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }
}
