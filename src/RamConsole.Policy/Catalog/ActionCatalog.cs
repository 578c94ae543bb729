namespace RamConsole.Policy.Catalog;

/// <summary>
/// The actions RamConsole knows: RAM (2015-05-01) and STS (2015-04-01) API operations, RamConsole's own additions
/// (<c>ram:ListAuditEvents</c>, the simulators), and the kvstore operations it guards. Used for completion in the
/// simulator, for "what changes" diffs, and to pre-compute per-action statement lists.
/// </summary>
public static class ActionCatalog
{
    public static IReadOnlyList<string> Ram { get; } =
    [
        "ram:CreateUser", "ram:GetUser", "ram:UpdateUser", "ram:DeleteUser", "ram:ListUsers",
        "ram:CreateLoginProfile", "ram:GetLoginProfile", "ram:UpdateLoginProfile", "ram:DeleteLoginProfile",
        "ram:CreateAccessKey", "ram:UpdateAccessKey", "ram:DeleteAccessKey", "ram:ListAccessKeys", "ram:GetAccessKeyLastUsed",
        "ram:CreateGroup", "ram:GetGroup", "ram:UpdateGroup", "ram:DeleteGroup", "ram:ListGroups",
        "ram:AddUserToGroup", "ram:RemoveUserFromGroup", "ram:ListGroupsForUser", "ram:ListUsersForGroup",
        "ram:CreateRole", "ram:GetRole", "ram:UpdateRole", "ram:DeleteRole", "ram:ListRoles",
        "ram:CreatePolicy", "ram:GetPolicy", "ram:DeletePolicy", "ram:ListPolicies", "ram:UpdatePolicyDescription",
        "ram:CreatePolicyVersion", "ram:GetPolicyVersion", "ram:ListPolicyVersions", "ram:DeletePolicyVersion", "ram:SetDefaultPolicyVersion",
        "ram:AttachPolicyToUser", "ram:DetachPolicyFromUser", "ram:AttachPolicyToGroup", "ram:DetachPolicyFromGroup",
        "ram:AttachPolicyToRole", "ram:DetachPolicyFromRole",
        "ram:ListPoliciesForUser", "ram:ListPoliciesForGroup", "ram:ListPoliciesForRole", "ram:ListEntitiesForPolicy",
        "ram:GetSecurityPreference", "ram:SetSecurityPreference", "ram:GetPasswordPolicy", "ram:SetPasswordPolicy",
        "ram:GetAccountAlias", "ram:SetAccountAlias",
        "ram:CreateVirtualMFADevice", "ram:DeleteVirtualMFADevice", "ram:ListVirtualMFADevices", "ram:BindMFADevice",
        "ram:UnbindMFADevice", "ram:GetUserMFAInfo",
        "ram:GenerateCredentialReport", "ram:GetCredentialReport",
        "ram:SimulateCustomPolicy", "ram:SimulatePrincipalPolicy", "ram:ListAuditEvents",
        "ram:ListConsoleSessions", "ram:EndConsoleSessions", "ram:UnlockUser", "ram:ChangePassword",
        "ram:SetAuditRetention", "ram:GetSecurityReport",
    ];

    public static IReadOnlyList<string> Sts { get; } = ["sts:AssumeRole", "sts:GetCallerIdentity"];

    public static IReadOnlyList<string> Kvstore { get; } =
    [
        "kvstore:DescribeInstances", "kvstore:DescribeInstanceAttribute", "kvstore:DescribeAccounts", "kvstore:DescribeBackups",
        "kvstore:DescribeSecurityIps", "kvstore:DescribeParameters", "kvstore:DescribeSlowLogRecords", "kvstore:DescribeMonitorItems",
        "kvstore:DescribeRegions", "kvstore:CreateInstance", "kvstore:DeleteInstance", "kvstore:ModifyInstanceSpec",
        "kvstore:ModifyInstanceAttribute", "kvstore:ModifySecurityIps", "kvstore:ModifyInstanceConfig", "kvstore:RestartInstance",
        "kvstore:FlushInstance", "kvstore:CreateBackup", "kvstore:RestoreInstance", "kvstore:ResetAccountPassword",
        "kvstore:CreateAccount", "kvstore:DeleteAccount", "kvstore:AllocateInstancePublicConnection",
        "kvstore:ReleaseInstancePublicConnection", "kvstore:TagResources", "kvstore:UntagResources", "kvstore:ListTagResources",
    ];

    public static IReadOnlyList<string> All { get; } = [.. Ram, .. Sts, .. Kvstore];

    private static readonly ActionIds Ids = new(All);

    /// <summary>The action's position in <see cref="All"/> (any casing), or -1 for an action outside the catalogue.</summary>
    public static int IdOf(string action) => Ids.IdOf(action);
}
