namespace RamConsole.Policy.Catalog;

/// <summary>
/// The one catalogue of action names. Every operation — an RPC call or a console click — is decided at the gate and
/// audited under exactly one of these: Alibaba's name where Alibaba has the operation, RamConsole's own (same style)
/// where it does not. Code names actions through these constants, never as inline strings, so a rename is one edit
/// and a typo is a compile error. <see cref="ActionCatalog"/> reads the constants in declaration order.
/// </summary>
public static class RamActions
{
    public const string CreateUser = "ram:CreateUser", GetUser = "ram:GetUser", UpdateUser = "ram:UpdateUser", DeleteUser = "ram:DeleteUser",
        ListUsers = "ram:ListUsers";

    public const string CreateLoginProfile = "ram:CreateLoginProfile", GetLoginProfile = "ram:GetLoginProfile",
        UpdateLoginProfile = "ram:UpdateLoginProfile", DeleteLoginProfile = "ram:DeleteLoginProfile";

    public const string CreateAccessKey = "ram:CreateAccessKey", UpdateAccessKey = "ram:UpdateAccessKey", DeleteAccessKey = "ram:DeleteAccessKey",
        ListAccessKeys = "ram:ListAccessKeys", GetAccessKeyLastUsed = "ram:GetAccessKeyLastUsed";

    public const string CreateGroup = "ram:CreateGroup", GetGroup = "ram:GetGroup", UpdateGroup = "ram:UpdateGroup", DeleteGroup = "ram:DeleteGroup",
        ListGroups = "ram:ListGroups";

    public const string AddUserToGroup = "ram:AddUserToGroup", RemoveUserFromGroup = "ram:RemoveUserFromGroup",
        ListGroupsForUser = "ram:ListGroupsForUser", ListUsersForGroup = "ram:ListUsersForGroup";

    public const string CreateRole = "ram:CreateRole", GetRole = "ram:GetRole", UpdateRole = "ram:UpdateRole", DeleteRole = "ram:DeleteRole",
        ListRoles = "ram:ListRoles";

    public const string CreatePolicy = "ram:CreatePolicy", GetPolicy = "ram:GetPolicy", DeletePolicy = "ram:DeletePolicy", ListPolicies = "ram:ListPolicies",
        UpdatePolicyDescription = "ram:UpdatePolicyDescription";

    public const string CreatePolicyVersion = "ram:CreatePolicyVersion", GetPolicyVersion = "ram:GetPolicyVersion",
        ListPolicyVersions = "ram:ListPolicyVersions", DeletePolicyVersion = "ram:DeletePolicyVersion",
        SetDefaultPolicyVersion = "ram:SetDefaultPolicyVersion";

    public const string AttachPolicyToUser = "ram:AttachPolicyToUser", DetachPolicyFromUser = "ram:DetachPolicyFromUser",
        AttachPolicyToGroup = "ram:AttachPolicyToGroup", DetachPolicyFromGroup = "ram:DetachPolicyFromGroup",
        AttachPolicyToRole = "ram:AttachPolicyToRole", DetachPolicyFromRole = "ram:DetachPolicyFromRole";

    public const string ListPoliciesForUser = "ram:ListPoliciesForUser", ListPoliciesForGroup = "ram:ListPoliciesForGroup",
        ListPoliciesForRole = "ram:ListPoliciesForRole", ListEntitiesForPolicy = "ram:ListEntitiesForPolicy";

    public const string GetSecurityPreference = "ram:GetSecurityPreference", SetSecurityPreference = "ram:SetSecurityPreference",
        GetPasswordPolicy = "ram:GetPasswordPolicy", SetPasswordPolicy = "ram:SetPasswordPolicy";

    public const string GetAccountAlias = "ram:GetAccountAlias", SetAccountAlias = "ram:SetAccountAlias";

    /// <summary>Alibaba's MFA actions: CreateVirtualMFADevice hands out a new authenticator secret, BindMFADevice binds it with two codes.</summary>
    public const string CreateVirtualMFADevice = "ram:CreateVirtualMFADevice", DeleteVirtualMFADevice = "ram:DeleteVirtualMFADevice",
        ListVirtualMFADevices = "ram:ListVirtualMFADevices", BindMFADevice = "ram:BindMFADevice", UnbindMFADevice = "ram:UnbindMFADevice",
        GetUserMFAInfo = "ram:GetUserMFAInfo";

    /// <summary>IMS 2019-08-15 (Alibaba decides IMS operations under the ram: prefix).</summary>
    public const string GenerateCredentialReport = "ram:GenerateCredentialReport", GetCredentialReport = "ram:GetCredentialReport";

    /// <summary>IMS 2019-08-15 identity providers (on <c>acs:ram::&lt;uid&gt;:saml-provider/&lt;name&gt;</c> / <c>…:oidc-provider/&lt;name&gt;</c>).</summary>
    public const string CreateSAMLProvider = "ram:CreateSAMLProvider", GetSAMLProvider = "ram:GetSAMLProvider", ListSAMLProviders = "ram:ListSAMLProviders",
        UpdateSAMLProvider = "ram:UpdateSAMLProvider", DeleteSAMLProvider = "ram:DeleteSAMLProvider";

    public const string CreateOIDCProvider = "ram:CreateOIDCProvider", GetOIDCProvider = "ram:GetOIDCProvider", ListOIDCProviders = "ram:ListOIDCProviders",
        UpdateOIDCProvider = "ram:UpdateOIDCProvider", DeleteOIDCProvider = "ram:DeleteOIDCProvider",
        AddClientIdToOIDCProvider = "ram:AddClientIdToOIDCProvider", RemoveClientIdFromOIDCProvider = "ram:RemoveClientIdFromOIDCProvider",
        AddFingerprintToOIDCProvider = "ram:AddFingerprintToOIDCProvider", RemoveFingerprintFromOIDCProvider = "ram:RemoveFingerprintFromOIDCProvider";

    /// <summary>IMS 2019-08-15 user-based SSO to the console.</summary>
    public const string SetUserSsoSettings = "ram:SetUserSsoSettings", GetUserSsoSettings = "ram:GetUserSsoSettings";

    // RamConsole's own actions (no Alibaba equivalent), named in Alibaba's style.
    public const string SimulateCustomPolicy = "ram:SimulateCustomPolicy", SimulatePrincipalPolicy = "ram:SimulatePrincipalPolicy";

    public const string ListAuditEvents = "ram:ListAuditEvents", ExportAuditEvents = "ram:ExportAuditEvents", SetAuditRetention = "ram:SetAuditRetention";

    public const string ListConsoleSessions = "ram:ListConsoleSessions", EndConsoleSessions = "ram:EndConsoleSessions", UnlockUser = "ram:UnlockUser",
        ChangePassword = "ram:ChangePassword";

    public const string GetSecurityReport = "ram:GetSecurityReport";

    /// <summary>A security key renamed; recovery codes replaced (the other factor changes are Alibaba's Bind/Unbind).</summary>
    public const string UpdateMFADevice = "ram:UpdateMFADevice", GenerateRecoveryCodes = "ram:GenerateRecoveryCodes";

    /// <summary>STS tokens cut off: every session of a role, or every session a user obtained.</summary>
    public const string RevokeRoleSessions = "ram:RevokeRoleSessions", RevokeUserStsSessions = "ram:RevokeUserStsSessions",
        ListRoleSessions = "ram:ListRoleSessions";
}

/// <summary>STS 2015-04-01.</summary>
public static class StsActions
{
    public const string AssumeRole = "sts:AssumeRole", GetCallerIdentity = "sts:GetCallerIdentity";

    /// <summary>
    /// The federated AssumeRole calls. They are anonymous (a verified SAML assertion or OIDC token is the credential),
    /// so only the role's trust policy decides — its statements name <c>sts:AssumeRole</c> with a <c>Federated</c>
    /// principal, as Alibaba's do — while the call is audited under its own name.
    /// </summary>
    public const string AssumeRoleWithSAML = "sts:AssumeRoleWithSAML", AssumeRoleWithOIDC = "sts:AssumeRoleWithOIDC";
}

/// <summary>The ApsaraDB for Redis (R-KVStore 2015-01-01) actions RamConsole guards.</summary>
public static class KvstoreActions
{
    public const string DescribeInstances = "kvstore:DescribeInstances", DescribeInstanceAttribute = "kvstore:DescribeInstanceAttribute",
        DescribeAccounts = "kvstore:DescribeAccounts", DescribeBackups = "kvstore:DescribeBackups", DescribeSecurityIps = "kvstore:DescribeSecurityIps",
        DescribeParameters = "kvstore:DescribeParameters", DescribeSlowLogRecords = "kvstore:DescribeSlowLogRecords",
        DescribeMonitorItems = "kvstore:DescribeMonitorItems", DescribeRegions = "kvstore:DescribeRegions", CreateInstance = "kvstore:CreateInstance",
        DeleteInstance = "kvstore:DeleteInstance", ModifyInstanceSpec = "kvstore:ModifyInstanceSpec", ModifyInstanceAttribute = "kvstore:ModifyInstanceAttribute",
        ModifySecurityIps = "kvstore:ModifySecurityIps", ModifyInstanceConfig = "kvstore:ModifyInstanceConfig", RestartInstance = "kvstore:RestartInstance",
        FlushInstance = "kvstore:FlushInstance", CreateBackup = "kvstore:CreateBackup", RestoreInstance = "kvstore:RestoreInstance",
        ResetAccountPassword = "kvstore:ResetAccountPassword", CreateAccount = "kvstore:CreateAccount", DeleteAccount = "kvstore:DeleteAccount",
        AllocateInstancePublicConnection = "kvstore:AllocateInstancePublicConnection",
        ReleaseInstancePublicConnection = "kvstore:ReleaseInstancePublicConnection", TagResources = "kvstore:TagResources",
        UntagResources = "kvstore:UntagResources", ListTagResources = "kvstore:ListTagResources",
        DescribeInstanceConfig = "kvstore:DescribeInstanceConfig", GrantAccountPrivilege = "kvstore:GrantAccountPrivilege",
        ModifyAccountPassword = "kvstore:ModifyAccountPassword", ModifyAccountDescription = "kvstore:ModifyAccountDescription",
        // RamConsole's extension: a Redis account that expires on its own (condition key kvstore:AccountPrivilege).
        CreateTemporaryAccount = "kvstore:CreateTemporaryAccount";

    /// <summary>The condition key CreateTemporaryAccount fills with the privilege asked for, so a policy can allow read-only ones only.</summary>
    public const string AccountPrivilegeKey = "kvstore:AccountPrivilege";
}

/// <summary>
/// What the system itself records in the audit trail. These are never decided — no caller asks for them — so they
/// stay out of <see cref="ActionCatalog.All"/> (no policy needs to allow them, and no diff lists them).
/// </summary>
public static class SystemEvents
{
    public const string ConsoleSignIn = "ram:ConsoleSignIn", ConfirmPassword = "ram:ConfirmPassword", BootstrapAccount = "ram:BootstrapAccount",
        BootstrapAdministrator = "ram:BootstrapAdministrator", PurgeAuditEvents = "ram:PurgeAuditEvents",
        // The Redis plane's own work: a temporary account removed at expiry or revocation, a dead managed process started again.
        RemoveTemporaryAccount = "kvstore:RemoveTemporaryAccount", RecoverInstance = "kvstore:RecoverInstance";
}
