namespace RamConsole.Core.Users;

/// <summary>A RAM user as pages and the API show it. <see cref="MixesPeopleAndPrograms"/> flags console access plus AccessKeys.</summary>
public sealed record UserView(
    string UserId,
    string UserName,
    string? DisplayName,
    string? Comments,
    DateTimeOffset CreateDate,
    DateTimeOffset UpdateDate,
    DateTimeOffset? LastLoginDate,
    bool HasLoginProfile,
    int AccessKeyCount)
{
    public bool MixesPeopleAndPrograms => HasLoginProfile && AccessKeyCount > 0;
}

internal static class UserViews
{
    public static IQueryable<UserView> Project(this IQueryable<RamUser> users, IQueryable<AccessKeys.AccessKey> keys) =>
        users.Select(u => new UserView(u.Id, u.UserName!, u.DisplayName, u.Comments, u.CreatedAt, u.UpdatedAt, u.LastLoginAt,
            u.ConsoleLoginEnabled, keys.Count(k => k.UserId == u.Id)));
}
