using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Changes;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Security;

/// <summary>
/// The current settings, read once and kept: every sign-in and password check reads them. A committed change to them
/// makes this forget (the commit path calls <see cref="Forget"/>), so the next sign-in reads the new row. A read that
/// began before such a change may have read the older row: it is returned to its caller but not kept.
/// </summary>
public sealed class SecuritySettingsStore(IDbContextFactory<RamDbContext> dbFactory) : ICommittedStateCache
{
    private volatile SecuritySettings? _current;
    private long _generation;

    public Touched BuiltFrom => Touched.Settings;

    public void Forget()
    {
        Interlocked.Increment(ref _generation);
        _current = null;
    }

    public SecuritySettings Current => _current ?? Load();

    public async Task<SecuritySettings> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_current is { } current) return current;
        var generation = Interlocked.Read(ref _generation);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return Publish(await db.SecuritySettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new SecuritySettings(), generation);
    }

    private SecuritySettings Load()
    {
        var generation = Interlocked.Read(ref _generation);
        using var db = dbFactory.CreateDbContext();
        return Publish(db.SecuritySettings.AsNoTracking().SingleOrDefault() ?? new SecuritySettings(), generation);
    }

    private SecuritySettings Publish(SecuritySettings loaded, long generation)
    {
        if (Interlocked.Read(ref _generation) != generation) return loaded; // a change committed while this read ran
        var published = Interlocked.CompareExchange(ref _current, loaded, null) ?? loaded;
        if (Interlocked.Read(ref _generation) != generation) _current = null; // forgotten meanwhile: do not keep it
        return published;
    }
}
