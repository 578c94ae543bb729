using RamConsole.Core.Caching;
using RamConsole.Core.Changes;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Redis;

/// <summary>Each instance's region, in memory until a commit touches instances: the gate needs it to name the ARN.</summary>
public sealed class InstanceRegions(IDbContextFactory<RamDbContext> dbFactory) : ICommittedStateCache
{
    private readonly CommittedValue<Dictionary<string, string>> _regions = new();

    public Touched BuiltFrom => Touched.RedisInstances;

    public void Forget() => _regions.Forget();

    public async Task<string?> ForAsync(string instanceId, CancellationToken cancellationToken)
    {
        var regions = await _regions.GetAsync(async ct =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await db.RedisInstances.AsNoTracking().ToDictionaryAsync(i => i.InstanceId, i => i.RegionId, StringComparer.Ordinal, ct);
        }, cancellationToken);
        return regions.GetValueOrDefault(instanceId);
    }
}
