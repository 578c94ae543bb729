using RamConsole.Core.Caching;
using RamConsole.Core.Changes;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Authorization;

/// <summary>
/// RAM names are case-insensitive — a user created as "Alice" is found as "alice" — but policies match resources
/// case-sensitively (DESIGN §3). So the gate decides on the name as it is stored: a Deny on <c>user/Alice</c> bites a
/// request for <c>user/ALICE</c>, and an Allow written for the stored spelling is not lost to a request's casing. Names
/// of users, groups, roles and custom policies are kept in memory (bounded by the account limits) until a commit
/// touches them. A resource naming no existing principal, or a pattern, is decided as given.
/// </summary>
public sealed class CanonicalNames(IDbContextFactory<RamDbContext> dbFactory) : ICommittedStateCache
{
    private sealed record Names(Dictionary<string, string> Users, Dictionary<string, string> Groups, Dictionary<string, string> Roles,
        Dictionary<string, string> Policies);

    private readonly CommittedValue<Names> _names = new();

    public Touched BuiltFrom => Touched.Users | Touched.Groups | Touched.Roles | Touched.Policies;

    public void Forget() => _names.Forget();

    /// <summary>The ARN with its RAM resource name in the stored spelling (<c>acs:ram:&lt;region&gt;:&lt;account&gt;:&lt;type&gt;/&lt;name&gt;</c>).</summary>
    public async Task<string> CanonicalAsync(string resourceArn, CancellationToken cancellationToken)
    {
        if (!resourceArn.StartsWith("acs:ram:", StringComparison.Ordinal)) return resourceArn;
        var colon = resourceArn.IndexOf(':', "acs:ram:".Length); // after the region
        colon = colon < 0 ? -1 : resourceArn.IndexOf(':', colon + 1); // after the account
        if (colon < 0) return resourceArn;
        var slash = resourceArn.IndexOf('/', colon + 1);
        if (slash < 0) return resourceArn;
        var end = resourceArn.IndexOf('/', slash + 1); // a role session ARN goes on with /<session>
        var name = end < 0 ? resourceArn[(slash + 1)..] : resourceArn[(slash + 1)..end];
        if (name.Length == 0 || name.AsSpan().IndexOfAny('*', '?') >= 0) return resourceArn;
        var names = await _names.GetAsync(LoadAsync, cancellationToken);
        var byType = resourceArn.AsSpan(colon + 1, slash - colon - 1) switch
        {
            "user" => names.Users,
            "group" => names.Groups,
            "role" => names.Roles,
            "policy" => names.Policies,
            _ => null,
        };
        if (byType is null || !byType.TryGetValue(name, out var stored) || stored == name) return resourceArn;
        return string.Concat(resourceArn.AsSpan(0, slash + 1), stored, end < 0 ? "" : resourceArn.AsSpan(end));
    }

    private async Task<Names> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        static Dictionary<string, string> ByName(List<string> names) => names.ToDictionary(n => n, StringComparer.OrdinalIgnoreCase);
        return new Names(
            ByName(await db.Users.AsNoTracking().Select(u => u.UserName!).ToListAsync(cancellationToken)),
            ByName(await db.Groups.AsNoTracking().Select(g => g.Name).ToListAsync(cancellationToken)),
            ByName(await db.Roles.AsNoTracking().Select(r => r.Name).ToListAsync(cancellationToken)),
            ByName(await db.Policies.AsNoTracking().Select(p => p.Name).ToListAsync(cancellationToken)));
    }
}
