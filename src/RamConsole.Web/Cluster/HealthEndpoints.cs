using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Cluster;
using RamConsole.Core.Persistence;

namespace RamConsole.Web.Cluster;

/// <summary>
/// For load balancers. <c>/healthz/live</c>: the process answers (restart it if not). <c>/healthz/ready</c>: send it
/// traffic — the database answers and has every migration applied, the shared Redis answers (when configured), and the
/// invalidation transport was heard recently (several nodes). The answer names checks and their state only: no
/// principal, no connection string, no exception text.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapGet("/healthz/live", () => Results.Json(new { status = "live" }));
        app.MapGet("/healthz/ready", ReadyAsync);
    }

    // Migrations only change on a deploy: once found complete, this process does not ask again.
    private static volatile bool _migrated;

    private static async Task<IResult> ReadyAsync(IDbContextFactory<RamDbContext> dbFactory, SharedRedis redis, TransportHealth transport, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        var checks = new Dictionary<string, string>
        {
            ["database"] = await CheckAsync(async () =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(timeout.Token);
                if (!await db.Database.CanConnectAsync(timeout.Token)) return false;
                if (!_migrated) _migrated = !(await db.Database.GetPendingMigrationsAsync(timeout.Token)).Any();
                return _migrated;
            }),
        };
        if (redis.IsConfigured) checks["redis"] = await CheckAsync(async () => (await redis.Database.PingAsync()) < TimeSpan.FromSeconds(2));
        if (transport.Clustered) checks["transport"] = transport.IsHealthy ? "ok" : "silent";
        var ready = checks.Values.All(v => v == "ok");
        return Results.Json(new { status = ready ? "ready" : "not ready", checks }, statusCode: ready ? 200 : 503);
    }

    private static async Task<string> CheckAsync(Func<Task<bool>> check)
    {
        try
        {
            return await check() ? "ok" : "failing";
        }
        catch (Exception)
        {
            return "failing"; // the reason goes nowhere near an unauthenticated endpoint
        }
    }
}
