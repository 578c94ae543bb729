using RamConsole.Core.AccessKeys;

namespace RamConsole.Web.Hosting;

/// <summary>Writes AccessKey last-used times every 30 seconds and at shutdown: one batch, not a write per request.</summary>
internal sealed class AccessKeyUsageFlusher(AccessKeyDirectory keys, TimeProvider time, ILogger<AccessKeyUsageFlusher> logger) : BackgroundService
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
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not record AccessKey last-used times; they will be retried");
        }
    }
}
