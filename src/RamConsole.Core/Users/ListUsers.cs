namespace RamConsole.Core.Users;

public sealed record UserPage(IReadOnlyList<UserView> Users, int TotalCount);

/// <summary>ListUsers: one page, ordered by name, optionally filtered by a search on user name or display name.</summary>
public sealed class ListUsers(UseCaseServices services)
{
    public const int MaxPageSize = 1000;

    public async Task<UserPage> RunAsync(Caller caller, string? search, int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await services.BeginReadAsync(caller, RamActions.ListUsers, services.Resource("user", "*"), cancellationToken);
        var query = db.Users.AsNoTracking().Where(u => u.Kind == PrincipalKind.User);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = "%" + search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            // Case-insensitive on both engines: SQLite's LIKE ignores ASCII case, PostgreSQL's needs ILIKE.
            query = db.Database.IsNpgsql()
                ? query.Where(u => EF.Functions.ILike(u.UserName!, pattern, "\\") || EF.Functions.ILike(u.DisplayName!, pattern, "\\"))
                : query.Where(u => EF.Functions.Like(u.UserName!, pattern, "\\") || EF.Functions.Like(u.DisplayName!, pattern, "\\"));
        }
        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderBy(u => u.NormalizedUserName)
            .Skip(Math.Max(offset, 0)).Take(Math.Clamp(limit, 1, MaxPageSize))
            .Project(db.AccessKeys)
            .ToListAsync(cancellationToken);
        return new UserPage(page, total);
    }
}
