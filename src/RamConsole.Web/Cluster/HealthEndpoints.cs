using RamConsole.Core.Cluster;

namespace RamConsole.Web.Cluster;

/// <summary>
/// For load balancers. <c>/healthz/live</c>: the process answers (restart it if not). <c>/healthz/ready</c>: send it
/// traffic (<see cref="Readiness"/>: database and migrations, Redis, the invalidation transport); 503 otherwise. Both
/// are unauthenticated and name checks and states only.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapGet("/healthz/live", () => Results.Json(new { status = "live" }));
        app.MapGet("/healthz/ready", async (Readiness readiness, CancellationToken cancellationToken) =>
        {
            var checks = await readiness.CheckAsync(cancellationToken);
            var ready = checks.Values.All(v => v == "ok");
            return Results.Json(new { status = ready ? "ready" : "not ready", checks }, statusCode: ready ? 200 : 503);
        });
    }
}
