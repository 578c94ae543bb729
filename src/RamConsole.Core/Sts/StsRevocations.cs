using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Sts;

/// <summary>
/// Whether a role session's token is still honoured: the role must exist and the token must have been issued after the
/// role's "revoke active sessions" cut-off. Cut-offs are cached per role and dropped on every change that affects them
/// (revoke, role deletion), so checking a token needs no database read on the hot path.
/// </summary>
public sealed class StsRevocations(IDbContextFactory<RamDbContext> dbFactory)
{
    private long _generation;
    private readonly ConcurrentDictionary<string, (long Generation, bool Exists, DateTimeOffset? CutOff)> _roles = new(StringComparer.OrdinalIgnoreCase);

    public void Invalidate() => Interlocked.Increment(ref _generation);

    public async Task<bool> IsHonouredAsync(StsSession session, CancellationToken cancellationToken = default)
    {
        var generation = Volatile.Read(ref _generation);
        if (!_roles.TryGetValue(session.RoleName, out var entry) || entry.Generation != generation)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var role = await db.Roles.AsNoTracking().Where(r => r.Name == session.RoleName)
                .Select(r => new { r.Id, r.SessionsRevokedAt }).SingleOrDefaultAsync(cancellationToken);
            // A role deleted and re-created under the same name is a different role: its id must match too.
            entry = (generation, role is not null && role.Id == session.RoleId, role?.SessionsRevokedAt);
            _roles[session.RoleName] = entry;
        }
        // The cut-off is stored to the millisecond; it covers its whole millisecond so that nothing issued before it slips through.
        return entry.Exists && (entry.CutOff is not { } cutOff || session.IssuedAt >= cutOff.AddMilliseconds(1));
    }
}
