namespace RamConsole.Core.Authorization;

/// <summary>Alibaba's <c>AccessDeniedDetail</c>: what was asked, by whom, and which kind of policy said no.</summary>
public sealed record AccessDeniedDetail(
    string AuthAction,
    string AuthPrincipalType,
    string AuthPrincipalDisplayName,
    string PolicyType,
    string NoPermissionType);
