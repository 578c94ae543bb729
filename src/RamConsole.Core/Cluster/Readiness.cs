namespace RamConsole.Core.Cluster;

/// <summary>
/// Whether this node should get traffic: the database answers and has every migration applied, the shared Redis
/// answers (when configured), and the invalidation transport was heard recently (several nodes). Each check is named
/// with "ok", "failing" or "silent" — never an exception's text, a connection string or a principal.
/// </summary>
[Authorization.GateFree(Authorization.GateFreeStep.Background)]
public sealed class Readiness(UseCaseServices services, SharedRedis redis, TransportHealth transport)
{
    // Migrations change only with a deploy: once found complete, this process does not ask again.
    private volatile bool _migrated;

    public async Task<IReadOnlyDictionary<string, string>> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        var checks = new Dictionary<string, string>
        {
            ["database"] = await OkAsync(async () =>
            {
                await using var db = await services.OpenGateFreeAsync(Authorization.GateFreeStep.Background, timeout.Token);
                if (!await db.Database.CanConnectAsync(timeout.Token)) return false;
                if (!_migrated) _migrated = !(await db.Database.GetPendingMigrationsAsync(timeout.Token)).Any();
                return _migrated;
            }),
        };
        if (redis.IsConfigured) checks["redis"] = await OkAsync(async () => await redis.Database.PingAsync() < TimeSpan.FromSeconds(2));
        if (transport.Clustered) checks["transport"] = transport.IsHealthy ? "ok" : "silent";
        return checks;
    }

    private static async Task<string> OkAsync(Func<Task<bool>> check)
    {
        try
        {
            return await check() ? "ok" : "failing";
        }
        catch (Exception)
        {
            return "failing"; // the reason stays off an unauthenticated endpoint
        }
    }
}
