using RamConsole.Core.Caching;
using RamConsole.Core.Changes;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Settings;

/// <summary>
/// The current settings, read once and kept: every sign-in and password check reads them. A committed change to them
/// makes this forget (the commit path calls <see cref="Forget"/>), so the next sign-in reads the new row.
/// </summary>
public sealed class SecuritySettingsStore(IDbContextFactory<RamDbContext> dbFactory) : ICommittedStateCache
{
    private readonly CommittedValue<SecuritySettings> _current = new();

    public Touched BuiltFrom => Touched.Settings;

    public void Forget() => _current.Forget();

    public SecuritySettings Current => _current.Get(() =>
    {
        using var db = dbFactory.CreateDbContext();
        return db.SecuritySettings.AsNoTracking().SingleOrDefault() ?? new SecuritySettings();
    });

    public Task<SecuritySettings> GetAsync(CancellationToken cancellationToken = default) => _current.GetAsync(async ct =>
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SecuritySettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new SecuritySettings();
    }, cancellationToken);
}
