namespace RamConsole.Core.Users;

public sealed class GetUser(UseCaseServices services)
{
    public async Task<UserView> RunAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(userName);
        await using var db = await services.BeginReadAsync(caller, RamActions.GetUser, services.Resource("user", name), cancellationToken);
        return await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == name.ToUpperInvariant() && u.Kind == PrincipalKind.User)
            .Project(db.AccessKeys)
            .SingleOrDefaultAsync(cancellationToken) ?? throw RamErrors.NotFound("User", name);
    }
}
