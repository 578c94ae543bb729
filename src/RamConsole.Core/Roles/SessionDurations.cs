namespace RamConsole.Core.Roles;

/// <summary>
/// How long role sessions last (DESIGN §2, §4): a role's MaxSessionDuration is 1 to 12 hours (default 1 h), and a token
/// asks for 15 minutes up to its role's maximum (default 1 h). Alibaba's bounds; every check and form uses these.
/// </summary>
public static class SessionDurations
{
    public const int RoleMinimumSeconds = 3600, RoleMaximumSeconds = 43200, RoleDefaultSeconds = 3600;

    public const int TokenMinimumSeconds = 900, TokenDefaultSeconds = 3600;
}
