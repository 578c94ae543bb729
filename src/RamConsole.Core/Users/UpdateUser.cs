namespace RamConsole.Core.Users;

/// <summary>UpdateUser: rename, display name, comments. Policies and groups follow the user (they key on its id).</summary>
public sealed class UpdateUser(UseCaseServices services)
{
    public sealed record Request(string UserName, string? NewUserName = null, string? NewDisplayName = null, string? NewComments = null);

    public async Task<UserView> RunAsync(Caller caller, Request request, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(request.UserName);
        var newName = request.NewUserName is null ? null : RamNames.UserName(request.NewUserName);
        var newDisplayName = request.NewDisplayName is null ? null : RamNames.Text(request.NewDisplayName, "NewDisplayName", 128);
        var newComments = request.NewComments is null ? null : RamNames.Text(request.NewComments, "NewComments", 128) ?? "";
        var resource = services.Resource("user", name);
        await using var change = await services.BeginChangeAsync(caller, RamActions.UpdateUser, resource, cancellationToken);
        var db = change.Db;
        var user = await db.FindUserAsync(name, cancellationToken);
        var before = await ViewAsync(db, user.Id, cancellationToken);
        var renamed = newName is not null && !string.Equals(newName, user.UserName, StringComparison.Ordinal);
        if (renamed)
        {
            var normalized = newName!.ToUpperInvariant();
            if (normalized == RamUser.RootUserName.ToUpperInvariant()
                || await db.Users.AnyAsync(u => u.NormalizedUserName == normalized && u.Id != user.Id, cancellationToken))
                throw RamErrors.AlreadyExists("User", newName, "NewUserName");
            user.UserName = newName;
            user.NormalizedUserName = normalized;
        }
        if (newDisplayName is not null) user.DisplayName = newDisplayName;
        if (newComments is not null) user.Comments = newComments.Length == 0 ? null : newComments;
        user.UpdatedAt = services.Time.GetUtcNow();
        var after = before with { UserName = user.UserName!, DisplayName = user.DisplayName, Comments = user.Comments, UpdateDate = user.UpdatedAt };
        // A rename changes the user's ARN: the commit tells the caches keyed by name (policy sets, AccessKey owners).
        await change.CommitAsync(before, after, cancellationToken);
        return after;
    }

    private static Task<UserView> ViewAsync(Persistence.RamDbContext db, string userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Project(db.AccessKeys).SingleAsync(cancellationToken);
}
