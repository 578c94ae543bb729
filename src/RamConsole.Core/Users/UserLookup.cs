using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Errors;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Users;

internal static class UserLookup
{
    /// <summary>The RAM user (never root) with this name, any casing, tracked for change; or EntityNotExist.User.</summary>
    public static async Task<RamUser> FindUserAsync(this RamDbContext db, string userName, CancellationToken cancellationToken) =>
        await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == userName.ToUpperInvariant() && u.Kind == PrincipalKind.User, cancellationToken)
        ?? throw RamErrors.NotFound("User", userName);
}
