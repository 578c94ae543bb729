using RamConsole.Core.Cluster;

namespace RamConsole.Web.Cluster;

/// <summary>Runs the change listener for as long as the node runs (PostgreSQL only: one node on SQLite hears nothing).</summary>
internal sealed class ClusterListenerService(IServiceProvider services) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        services.GetService<ChangeListener>() is { } listener ? listener.RunAsync(stoppingToken) : Task.CompletedTask;
}
