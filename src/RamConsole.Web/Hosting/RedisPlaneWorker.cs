using Microsoft.Extensions.Options;
using RamConsole.Core.Redis;

namespace RamConsole.Web.Hosting;

/// <summary>
/// Runs the Redis plane's background work: the supervisor (adopt, restart the dead, sample connections) every
/// supervision interval, and the temporary-account sweeper every sweep interval or at once when a revocation commits.
/// The sweeper runs first at start, so temporary accounts that expired while RamConsole was down go before anything else.
/// Several nodes: the supervisor runs on the one node holding its lease (two supervisors would both restart a dead
/// instance); the sweeper runs on every node — each sweep is a change under the cluster's change lock, so what one
/// node removed the next finds gone — so that a revocation heard from another node still closes connections at once.
/// </summary>
internal sealed partial class RedisPlaneWorker(RedisSupervisor supervisor, TemporaryAccountSweeper sweeper, TemporaryAccountWakeUp wakeUp,
    Core.Cluster.JobLeases leases, Core.Cluster.TransportHealth transport, IOptions<RedisPlaneOptions> options, TimeProvider time,
    ILogger<RedisPlaneWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(SuperviseAsync(stoppingToken), SweepAsync(stoppingToken));

    private async Task SuperviseAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.SupervisionInterval, time);
        do
        {
            await RunAsync(async ct =>
            {
                if (!transport.Clustered || await leases.TryTakeAsync(Core.Cluster.JobLeases.RedisSupervisor, options.Value.SupervisionInterval * 3, ct))
                    await supervisor.CheckAsync(ct);
            }, "supervise Redis instances", stoppingToken);
        }
        while (await Tick(timer, stoppingToken));
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunAsync(async ct => await sweeper.SweepAsync(ct), "remove due temporary Redis accounts", stoppingToken);
            try
            {
                await wakeUp.WaitAsync(options.Value.SweepInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunAsync(Func<CancellationToken, Task> work, string what, CancellationToken stoppingToken)
    {
        try
        {
            await work(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Log.Failed(logger, e, what);
        }
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {What}")]
        public static partial void Failed(ILogger logger, Exception e, string what);
    }
}
