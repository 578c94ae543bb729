using RamConsole.Core.AccessKeys;
using RamConsole.Core.Overview;

namespace RamConsole.Web.Hosting;

/// <summary>
/// Writes what the API counts in memory — AccessKey last-used times and calls per action — every 30 seconds and at
/// shutdown: one batch each, not a write per request.
/// </summary>
internal sealed class UsageFlusher(AccessKeyDirectory keys, ApiUsage apiUsage, TimeProvider time, ILogger<UsageFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // shutting down: the final flush below still runs
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await keys.FlushLastUsedAsync(cancellationToken);
            await apiUsage.FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not record AccessKey last-used times or API call counts");
        }
    }
}
