using RamConsole.Core.Persistence;

namespace RamConsole.Core.Users;

internal static class UserLookup
{
    /// <summary>The RAM user (never root) with this name, any casing, tracked for change; or EntityNotExist.User.</summary>
    public static async Task<RamUser> FindUserAsync(this RamDbContext db, string userName, CancellationToken cancellationToken) =>
        await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == userName.ToUpperInvariant() && u.Kind == PrincipalKind.User, cancellationToken)
        ?? throw RamErrors.NotFound("User", userName);

    /// <summary>A console principal by name — a RAM user or root (for sign-in security, which root has too).</summary>
    public static async Task<RamUser> FindPrincipalAsync(this IQueryable<RamUser> users, string? userName, CancellationToken cancellationToken)
    {
        var normal = (userName ?? "").Trim().ToUpperInvariant();
        return await users.SingleOrDefaultAsync(u => u.NormalizedUserName == normal, cancellationToken)
            ?? throw RamErrors.NotFound("User", userName ?? "");
    }
}
