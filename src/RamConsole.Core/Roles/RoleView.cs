namespace RamConsole.Core.Roles;

public sealed record RoleView(int RoleId, string RoleName, string Arn, string? Description, string AssumeRolePolicyDocument,
    int MaxSessionDuration, DateTimeOffset CreateDate, DateTimeOffset UpdateDate);
