using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Security;

/// <summary>
/// The current settings, read once and kept: every sign-in and password check reads them. Writers replace the
/// cached copy after their transaction commits, so the next sign-in sees the change. A first read publishes what it
/// loaded only if nothing was put there meanwhile: a change committed during that read must not be overwritten by the
/// older row.
/// </summary>
public sealed class SecuritySettingsStore(IDbContextFactory<RamDbContext> dbFactory)
{
    private volatile SecuritySettings? _current;

    public SecuritySettings Current => _current ?? Load();

    public async Task<SecuritySettings> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_current is { } current) return current;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return Publish(await db.SecuritySettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new SecuritySettings());
    }

    private SecuritySettings Load()
    {
        using var db = dbFactory.CreateDbContext();
        return Publish(db.SecuritySettings.AsNoTracking().SingleOrDefault() ?? new SecuritySettings());
    }

    private SecuritySettings Publish(SecuritySettings loaded) => Interlocked.CompareExchange(ref _current, loaded, null) ?? loaded;

    internal void Replace(SecuritySettings settings) => _current = settings;
}
