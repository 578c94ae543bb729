using System.Security.Cryptography;
using RamConsole.Core.Caching;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Sessions;

/// <summary>
/// Starts, checks and ends console sessions. <see cref="IsActiveAsync"/> runs on every console request and circuit
/// revalidation, so it answers from memory: a session's state is read once and kept until something ends it.
/// Writers end sessions inside their own change (<see cref="EndAllInAsync"/>); its commit makes this forget, so the
/// next check reads the ended row (even if a check that read the row before the commit finishes after it: see
/// <see cref="GenerationCache{TKey, TValue}"/>). A deleted user's sessions go with it, so users count too.
/// Idle timeout (ASVS 5.0 7.3.1): a session also ends when nothing was done in it for the security settings'
/// <see cref="Settings.SecuritySettings.LoginIdleTimeout"/>. Only activity counts — a request, or an action in an open
/// circuit — never the circuit's own periodic re-check, so an open but untouched tab times out like a closed one.
/// </summary>
public sealed class ConsoleSessions(IDbContextFactory<RamDbContext> dbFactory, TimeProvider time, Settings.SecuritySettingsStore settings)
    : Changes.ICommittedStateCache
{
    public Changes.Touched BuiltFrom => Changes.Touched.ConsoleSessions | Changes.Touched.Users;

    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    /// <summary>What is kept per session; <c>LastActive</c> is exact, <c>LastSeenWritten</c> what the row holds (to the minute).</summary>
    private sealed record Entry(string UserId, DateTimeOffset ExpiresAt, bool Ended, DateTimeOffset LastSeenWritten, DateTimeOffset VerifiedAt,
        DateTimeOffset LastActive);

    /// <summary>The reason an idle session's row records.</summary>
    public const string IdleReason = "IdleTimeout";

    private readonly GenerationCache<string, Entry> _cache = new(100_000, StringComparer.Ordinal);

    public sealed record Start(string UserId, IReadOnlyCollection<string> Factors, string? SourceIp, string? UserAgent, TimeSpan Lifetime);

    public async Task<ConsoleSession> StartAsync(Start start, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var session = new ConsoleSession
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
            UserId = start.UserId,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + start.Lifetime,
            VerifiedAt = now,
            SourceIp = start.SourceIp,
            UserAgent = start.UserAgent is { Length: > 512 } ua ? ua[..512] : start.UserAgent,
            Factors = string.Join(',', start.Factors),
        };
        var stamp = _cache.Stamp;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ConsoleSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        _cache.Set(session.Id, stamp, new Entry(session.UserId, session.ExpiresAt, false, now, now, now));
        return session;
    }

    /// <summary>
    /// Whether the session exists, belongs to the user, has not expired, was not ended and has not been idle for longer
    /// than the idle timeout (which ends it, recorded as <see cref="IdleReason"/>). With <paramref name="activity"/>
    /// (a request, an action) it also counts as used now; the circuit's periodic re-check passes false.
    /// </summary>
    public async Task<bool> IsActiveAsync(string? sessionId, string? userId, bool activity = true, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(sessionId) || string.IsNullOrEmpty(userId)) return false;
        var now = time.GetUtcNow();
        if (await EntryAsync(sessionId, cancellationToken) is not { } entry) return false;
        if (entry.Ended || entry.UserId != userId || entry.ExpiresAt <= now) return false;
        if (now - entry.LastActive >= TimeSpan.FromMinutes((await settings.GetAsync(cancellationToken)).LoginIdleTimeout))
        {
            await EndIdleAsync(sessionId, entry, now, cancellationToken);
            return false;
        }
        if (!activity) return true;
        var used = entry with { LastActive = now };
        if (now - entry.LastSeenWritten >= LastSeenResolution)
        {
            // "Last seen" to the minute: one write per session per minute, not one per request.
            _cache.Update(sessionId, entry, used with { LastSeenWritten = now });
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.ConsoleSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        }
        else
        {
            _cache.Update(sessionId, entry, used);
        }
        return true;
    }

    /// <summary>Ends an idle session in its row (only if nothing ended it meanwhile) and in what is kept.</summary>
    private async Task EndIdleAsync(string sessionId, Entry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        _cache.Update(sessionId, entry, entry with { Ended = true });
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.ConsoleSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, IdleReason), cancellationToken);
    }

    /// <summary>When the password was last entered for the session (null for an unknown session).</summary>
    public async Task<DateTimeOffset?> VerifiedAtAsync(string sessionId, CancellationToken cancellationToken = default) =>
        (await EntryAsync(sessionId, cancellationToken))?.VerifiedAt;

    /// <summary>Notes that the session's user has just entered their password again.</summary>
    public async Task MarkVerifiedAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.ConsoleSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.VerifiedAt, now), cancellationToken);
        if (_cache.TryGet(sessionId, out var entry)) _cache.Update(sessionId, entry, entry with { VerifiedAt = now });
    }

    private async Task<Entry?> EntryAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (_cache.TryGet(sessionId, out var entry)) return entry;
        var stamp = _cache.Stamp;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.ConsoleSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (row is null) return null;
        // Read back (another node, a restart): the row knows the last activity to the minute.
        entry = new Entry(row.UserId, row.ExpiresAt, row.EndedAt is not null, row.LastSeenAt, row.VerifiedAt, row.LastSeenAt);
        _cache.Set(sessionId, stamp, entry);
        return entry;
    }

    /// <summary>
    /// Marks the user's active sessions (or just <paramref name="onlySessionId"/>) ended in <paramref name="db"/>; the
    /// caller saves. Ending all of them also changes the user's security stamp, which voids sign-ins in progress (a
    /// password given, a second factor still owed): they would otherwise start a session just after this.
    /// </summary>
    public async Task<IReadOnlyList<string>> EndAllInAsync(RamDbContext db, string userId, string reason, string? exceptSessionId = null,
        string? onlySessionId = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (onlySessionId is null && await db.Users.FindAsync([userId], cancellationToken) is { } user) user.SecurityStamp = Guid.NewGuid().ToString("N");
        var query = db.ConsoleSessions.Where(s => s.UserId == userId && s.EndedAt == null);
        if (onlySessionId is not null) query = query.Where(s => s.Id == onlySessionId);
        var sessions = await query.ToListAsync(cancellationToken);
        foreach (var session in sessions.Where(s => s.Id != exceptSessionId))
        {
            session.EndedAt = now;
            session.EndReason = reason;
        }
        return [.. sessions.Where(s => s.Id != exceptSessionId).Select(s => s.Id)];
    }

    /// <summary>
    /// Drops what is kept about sessions, so the next check of each reads it again (the commit path calls it). All
    /// sessions, not only those of the user whose sessions changed: that is rare, and one reread per session is cheap.
    /// </summary>
    public void Forget() => _cache.Invalidate();
}
