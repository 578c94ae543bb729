using Microsoft.AspNetCore.DataProtection;
using RamConsole.Core.Caching;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.AccessKeys;

/// <summary>What the API needs to verify a signature: whose key it is, whether it is active, and its secret.</summary>
public sealed record AccessKeyCredential(string AccessKeyId, string UserName, AccessKeyStatus Status, [property: Audit.Secret] string Secret);

/// <summary>
/// Looks up AccessKeys for signature checks (not a user action, so no gate): the secret is decrypted in memory for the
/// HMAC and never leaves the server. Found keys are cached (no database read or decryption per request); the commit
/// path forgets them whenever a change to AccessKeys or users (an owner renamed or deleted) commits, so a disabled key
/// is refused on its next use.
/// </summary>
public sealed class AccessKeyDirectory(IDbContextFactory<RamDbContext> dbFactory, IDataProtectionProvider dataProtection, TimeProvider time,
    Cluster.RamMetrics? metrics = null)
    : Changes.ICommittedStateCache
{
    public Changes.Touched BuiltFrom => Changes.Touched.AccessKeys | Changes.Touched.Users;

    private readonly GenerationCache<string, AccessKeyCredential> _cache = new(10_000, StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _lastUsed = new(StringComparer.Ordinal);

    // Ids that were looked up and not found, remembered briefly: a flood of requests with made-up AccessKeyIds costs a
    // dictionary lookup each, not a database read. Bounded; a key created under such an id is forgotten here at once.
    private static readonly TimeSpan MissingFor = TimeSpan.FromSeconds(10);
    private readonly GenerationCache<string, DateTimeOffset> _missing = new(10_000, StringComparer.Ordinal);

    /// <summary>Drops every cached key, found or missing (keys change rarely; one reread each is cheap).</summary>
    public void Forget()
    {
        _cache.Invalidate();
        _missing.Invalidate();
    }

    /// <summary>Database reads made to find keys (for tests of the caches).</summary>
    public int Loads => _loads;

    private int _loads;

    /// <summary>Notes a key's use in memory; <see cref="FlushLastUsedAsync"/> writes them in one batch (not a write per request).</summary>
    public void RecordUse(string accessKeyId) => _lastUsed[accessKeyId] = time.GetUtcNow();

    public async Task<int> FlushLastUsedAsync(CancellationToken cancellationToken = default)
    {
        var batch = _lastUsed.ToArray();
        if (batch.Length == 0) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var (id, when) in batch)
        {
            await db.AccessKeys.Where(k => k.AccessKeyId == id && (k.LastUsedAt == null || k.LastUsedAt < when))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, when), cancellationToken);
            _lastUsed.TryRemove(KeyValuePair.Create(id, when)); // keep a newer use recorded meanwhile
        }
        return batch.Length;
    }

    public async Task<AccessKeyCredential?> FindAsync(string accessKeyId, CancellationToken cancellationToken = default)
    {
        var hit = _cache.TryGet(accessKeyId, out var cached);
        metrics?.CacheLookup("access-keys", hit);
        if (hit) return cached;
        var now = time.GetUtcNow();
        if (_missing.TryGet(accessKeyId, out var until) && until > now) return null;
        var (stamp, missingStamp) = (_cache.Stamp, _missing.Stamp);
        var found = await LoadAsync(accessKeyId, cancellationToken);
        if (found is not null) _cache.Set(accessKeyId, stamp, found);
        else _missing.Set(accessKeyId, missingStamp, now + MissingFor);
        return found;
    }

    private async Task<AccessKeyCredential?> LoadAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _loads);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.AccessKeys.AsNoTracking().Where(k => k.AccessKeyId == accessKeyId)
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new { k.AccessKeyId, u.UserName, k.Status, k.ProtectedSecret })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null) return null;
        var secret = dataProtection.CreateProtector(AccessKeyUseCases.ProtectorPurpose).Unprotect(row.ProtectedSecret);
        return new AccessKeyCredential(row.AccessKeyId, row.UserName!, row.Status, secret);
    }
}
