using RamConsole.Core.Settings;

namespace RamConsole.Core.Audit;

/// <summary>
/// Deletes audit events older than the retention setting, in chunks (a long delete would hold SQLite's write lock and
/// stall every other writer), and records the purge itself — who (the system), the cut-off and how many went.
/// Retention 0 keeps everything.
/// </summary>
[Authorization.GateFree(Authorization.GateFreeStep.Background)]
public sealed class AuditPurge(UseCaseServices services, SecuritySettingsStore settings)
{    private const int Chunk = 5_000;

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var days = (await settings.GetAsync(cancellationToken)).AuditRetentionDays;
        if (days <= 0) return 0;
        var cutOff = services.Time.GetUtcNow().AddDays(-days);
        var purged = 0;
        while (true)
        {
            await using var db = await services.OpenGateFreeAsync(Authorization.GateFreeStep.Background, cancellationToken);
            var ids = db.AuditEvents.Where(e => e.Time < cutOff).OrderBy(e => e.Time).Select(e => e.Id).Take(Chunk);
            var deleted = await db.AuditEvents.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
            purged += deleted;
            if (deleted < Chunk) break;
        }
        await services.Audit.RecordAsync(AuditEntry.BySystem(SystemEvents.PurgeAuditEvents, null,
            new { RetentionDays = days, OlderThan = cutOff, Purged = purged }), cancellationToken);
        return purged;
    }
}
