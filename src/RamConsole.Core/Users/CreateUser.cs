namespace RamConsole.Core.Users;

/// <summary>
/// CreateUser: a RAM user without AccessKeys. With <c>ConsolePassword</c> it also gets console access (a login
/// profile) in the same transaction — authorized as ram:CreateLoginProfile too — so a password the policy refuses
/// leaves no user behind.
/// </summary>
public sealed class CreateUser(UseCaseServices services, PasswordRules passwords)
{
    public sealed record Request(string UserName, string? DisplayName = null, string? Comments = null,
        [property: Audit.Secret] string? ConsolePassword = null, bool PasswordResetRequired = false, bool MfaBindRequired = false);

    public async Task<UserView> RunAsync(Caller caller, Request request, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(request.UserName);
        var displayName = RamNames.Text(request.DisplayName, "DisplayName", 128);
        var comments = RamNames.Text(request.Comments, "Comments", 128);
        var resource = services.Resource("user", name);
        await using var change = await services.BeginChangeAsync(caller, RamActions.CreateUser, resource, cancellationToken);
        var withConsole = !string.IsNullOrEmpty(request.ConsolePassword);
        if (withConsole) await change.DemandAlsoAsync(RamActions.CreateLoginProfile, resource, cancellationToken);
        var db = change.Db;
        var normalized = name.ToUpperInvariant();
        if (normalized == RamUser.RootUserName.ToUpperInvariant() || await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, cancellationToken))
            throw RamErrors.AlreadyExists("User", name, "UserName");
        if (await db.Users.CountAsync(u => u.Kind == PrincipalKind.User, cancellationToken) >= services.Limits.Users)
            throw RamErrors.LimitExceeded("User", $"The account already has the maximum of {services.Limits.Users} users.");

        var now = services.Time.GetUtcNow();
        var user = new RamUser
        {
            UserName = name,
            NormalizedUserName = normalized,
            DisplayName = displayName ?? name,
            Comments = comments,
            CreatedAt = now,
            UpdatedAt = now,
            LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        if (withConsole)
        {
            await passwords.SetAsync(user, request.ConsolePassword, "ConsolePassword");
            user.ConsoleLoginEnabled = true;
            user.LoginProfileCreatedAt = now;
            user.PasswordResetRequired = request.PasswordResetRequired;
            user.MfaBindRequired = request.MfaBindRequired;
        }
        db.Users.Add(user);
        var view = new UserView(user.Id, name, user.DisplayName, comments, now, now, null, withConsole, 0);
        await change.CommitAsync(null, view, cancellationToken);
        return view;
    }
}
