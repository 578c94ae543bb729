using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Authorization;
using RamConsole.Core.Errors;
using RamConsole.Core.Naming;

namespace RamConsole.Core.Users;

/// <summary>CreateUser: a RAM user with neither console access nor AccessKeys yet (those are separate, deliberate steps).</summary>
public sealed class CreateUser(UseCaseServices services)
{
    public const string Action = "ram:CreateUser";

    public sealed record Request(string UserName, string? DisplayName = null, string? Comments = null);

    public async Task<UserView> RunAsync(Caller caller, Request request, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(request.UserName);
        var displayName = RamNames.Text(request.DisplayName, "DisplayName", 128);
        var comments = RamNames.Text(request.Comments, "Comments", 128);
        var resource = services.Resource("user", name);
        await services.Gate.DemandAsync(caller, Action, resource, cancellationToken);

        await using var db = await services.DbFactory.CreateDbContextAsync(cancellationToken);
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
        db.Users.Add(user);
        var view = new UserView(user.Id, name, user.DisplayName, comments, now, now, null, false, 0);
        await services.CommitAsync(db, caller, Action, resource, null, view, policiesChanged: false, cancellationToken);
        return view;
    }
}
