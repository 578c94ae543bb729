using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Authorization;
using RamConsole.Core.Errors;
using RamConsole.Core.Naming;

namespace RamConsole.Core.Users;

public sealed class GetUser(UseCaseServices services)
{
    public const string Action = "ram:GetUser";

    public async Task<UserView> RunAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(userName);
        await services.Gate.DemandAsync(caller, Action, services.Resource("user", name), cancellationToken);
        await using var db = await services.DbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == name.ToUpperInvariant() && u.Kind == PrincipalKind.User)
            .Project(db.AccessKeys)
            .SingleOrDefaultAsync(cancellationToken) ?? throw RamErrors.NotFound("User", name);
    }
}
