using RamConsole.Core;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Account;
using RamConsole.Core.Audit;
using RamConsole.Core.Authorization;
using RamConsole.Core.Groups;
using RamConsole.Core.Persistence;
using RamConsole.Core.Policies;
using RamConsole.Core.Federation;
using RamConsole.Core.Redis;
using RamConsole.Core.Roles;
using RamConsole.Core.Users;
using RamConsole.Policy.Catalog;
using RamConsole.Tests.Shared;
using Ops = RamConsole.Web.Api.ApiOperations;

namespace RamConsole.Web.Tests.Api;

/// <summary>
/// Every RPC operation is decided as exactly its own action: a user allowed everything but that action is refused
/// (403 NoPermission, naming the action, audited under it); a user allowed only that action — plus what the row
/// lists, with the reason — is not refused. The rows must cover the whole dispatch table: a new operation without a
/// row fails <see cref="Every_operation_in_the_dispatch_table_has_a_row"/>.
/// </summary>
public sealed class ActionTableTests(ActionTableTests.Fixture fx) : IClassFixture<ActionTableTests.Fixture>
{
    private const string Doc = """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:Describe*","Resource":"*"}]}""";
    private const string Password = "Str0ng-Passw0rd-1";

    /// <summary>
    /// One operation: the action it must be decided as, what else the caller must be allowed (none so far: each
    /// operation here needs only its own action; a row that needs more names the action and Alibaba's reason), and
    /// the parameters of a call that would succeed — set up fresh where the call consumes what it acts on.
    /// </summary>
    private sealed record Row(string Action, Func<Fixture, Task<Dictionary<string, string>>> Arrange, string[]? AlsoNeeded = null, string? Why = null)
    {
        /// <summary>For an anonymous (federated) operation: a call the role's trust policy refuses (its identity policies do not exist).</summary>
        public Func<Fixture, Task<Dictionary<string, string>>>? Refused { get; init; }
    }

    private static Func<Fixture, Task<Dictionary<string, string>>> Fixed(params (string Name, string Value)[] parameters) =>
        _ => Task.FromResult(parameters.ToDictionary(p => p.Name, p => p.Value));

    private static readonly Dictionary<(string Version, string Name), Row> Rows = new()
    {
        [(Ops.Ram, "CreateUser")] = new(RamActions.CreateUser, f => Now(("UserName", f.Next("new")))),
        [(Ops.Ram, "GetUser")] = new(RamActions.GetUser, Fixed(("UserName", "target"))),
        [(Ops.Ram, "UpdateUser")] = new(RamActions.UpdateUser, Fixed(("UserName", "target"), ("NewComments", "updated"))),
        [(Ops.Ram, "DeleteUser")] = new(RamActions.DeleteUser, async f => P(("UserName", await f.UserAsync()))),
        [(Ops.Ram, "ListUsers")] = new(RamActions.ListUsers, Fixed()),
        [(Ops.Ram, "CreateLoginProfile")] = new(RamActions.CreateLoginProfile, async f => P(("UserName", await f.UserAsync()), ("Password", Password))),
        [(Ops.Ram, "GetLoginProfile")] = new(RamActions.GetLoginProfile, Fixed(("UserName", "target"))),
        [(Ops.Ram, "UpdateLoginProfile")] = new(RamActions.UpdateLoginProfile, Fixed(("UserName", "target"), ("MFABindRequired", "false"))),
        [(Ops.Ram, "DeleteLoginProfile")] = new(RamActions.DeleteLoginProfile, async f => P(("UserName", await f.UserAsync(console: true)))),
        [(Ops.Ram, "CreateAccessKey")] = new(RamActions.CreateAccessKey, async f => P(("UserName", await f.UserAsync()))),
        [(Ops.Ram, "UpdateAccessKey")] = new(RamActions.UpdateAccessKey, async f =>
        {
            var (user, key) = await f.UserWithKeyAsync();
            return P(("UserName", user), ("UserAccessKeyId", key), ("Status", "Inactive"));
        }),
        [(Ops.Ram, "DeleteAccessKey")] = new(RamActions.DeleteAccessKey, async f =>
        {
            var (user, key) = await f.UserWithKeyAsync();
            return P(("UserName", user), ("UserAccessKeyId", key));
        }),
        [(Ops.Ram, "ListAccessKeys")] = new(RamActions.ListAccessKeys, Fixed(("UserName", "target"))),
        [(Ops.Ram, "GetAccessKeyLastUsed")] = new(RamActions.GetAccessKeyLastUsed, f => Now(("UserName", "target"), ("UserAccessKeyId", f.TargetKey))),
        [(Ops.Ram, "CreateGroup")] = new(RamActions.CreateGroup, f => Now(("GroupName", f.Next("group")))),
        [(Ops.Ram, "GetGroup")] = new(RamActions.GetGroup, Fixed(("GroupName", "team"))),
        [(Ops.Ram, "UpdateGroup")] = new(RamActions.UpdateGroup, Fixed(("GroupName", "team"), ("NewComments", "updated"))),
        [(Ops.Ram, "DeleteGroup")] = new(RamActions.DeleteGroup, async f => P(("GroupName", await f.GroupAsync()))),
        [(Ops.Ram, "ListGroups")] = new(RamActions.ListGroups, Fixed()),
        [(Ops.Ram, "AddUserToGroup")] = new(RamActions.AddUserToGroup, async f => P(("UserName", await f.UserAsync()), ("GroupName", "team"))),
        [(Ops.Ram, "RemoveUserFromGroup")] = new(RamActions.RemoveUserFromGroup, async f => P(("UserName", await f.UserAsync(inTeam: true)), ("GroupName", "team"))),
        [(Ops.Ram, "ListGroupsForUser")] = new(RamActions.ListGroupsForUser, Fixed(("UserName", "target"))),
        [(Ops.Ram, "ListUsersForGroup")] = new(RamActions.ListUsersForGroup, Fixed(("GroupName", "team"))),
        [(Ops.Ram, "CreateRole")] = new(RamActions.CreateRole, f => Now(("RoleName", f.Next("role")), ("AssumeRolePolicyDocument", f.Trust))),
        [(Ops.Ram, "GetRole")] = new(RamActions.GetRole, Fixed(("RoleName", "role1"))),
        [(Ops.Ram, "UpdateRole")] = new(RamActions.UpdateRole, Fixed(("RoleName", "role1"), ("NewDescription", "updated"))),
        [(Ops.Ram, "DeleteRole")] = new(RamActions.DeleteRole, async f => P(("RoleName", await f.RoleAsync()))),
        [(Ops.Ram, "ListRoles")] = new(RamActions.ListRoles, Fixed()),
        [(Ops.Ram, "CreatePolicy")] = new(RamActions.CreatePolicy, f => Now(("PolicyName", f.Next("policy")), ("PolicyDocument", Doc))),
        [(Ops.Ram, "GetPolicy")] = new(RamActions.GetPolicy, Fixed(("PolicyType", "Custom"), ("PolicyName", "pol"))),
        [(Ops.Ram, "DeletePolicy")] = new(RamActions.DeletePolicy, async f => P(("PolicyName", await f.PolicyAsync()))),
        [(Ops.Ram, "ListPolicies")] = new(RamActions.ListPolicies, Fixed()),
        [(Ops.Ram, "UpdatePolicyDescription")] = new(RamActions.UpdatePolicyDescription, Fixed(("PolicyName", "pol"), ("NewDescription", "updated"))),
        [(Ops.Ram, "CreatePolicyVersion")] = new(RamActions.CreatePolicyVersion, async f => P(("PolicyName", await f.PolicyAsync()), ("PolicyDocument", Doc))),
        [(Ops.Ram, "ListPolicyVersions")] = new(RamActions.ListPolicyVersions, Fixed(("PolicyName", "pol"))),
        [(Ops.Ram, "GetPolicyVersion")] = new(RamActions.GetPolicyVersion, Fixed(("PolicyName", "pol"), ("VersionId", "v1"))),
        [(Ops.Ram, "SetDefaultPolicyVersion")] = new(RamActions.SetDefaultPolicyVersion, Fixed(("PolicyName", "pol"), ("VersionId", "v1"))),
        [(Ops.Ram, "DeletePolicyVersion")] = new(RamActions.DeletePolicyVersion, async f => P(("PolicyName", await f.PolicyAsync(withSecondVersion: true)), ("VersionId", "v2"))),
        [(Ops.Ram, "ListEntitiesForPolicy")] = new(RamActions.ListEntitiesForPolicy, Fixed(("PolicyType", "Custom"), ("PolicyName", "pol"))),
        [(Ops.Ram, "AttachPolicyToUser")] = new(RamActions.AttachPolicyToUser, async f => Attach(("UserName", await f.UserAsync()))),
        [(Ops.Ram, "DetachPolicyFromUser")] = new(RamActions.DetachPolicyFromUser, async f => Attach(("UserName", await f.AttachedAsync(PrincipalKind.User)))),
        [(Ops.Ram, "ListPoliciesForUser")] = new(RamActions.ListPoliciesForUser, Fixed(("UserName", "target"))),
        [(Ops.Ram, "AttachPolicyToGroup")] = new(RamActions.AttachPolicyToGroup, async f => Attach(("GroupName", await f.GroupAsync()))),
        [(Ops.Ram, "DetachPolicyFromGroup")] = new(RamActions.DetachPolicyFromGroup, async f => Attach(("GroupName", await f.AttachedAsync(PrincipalKind.Group)))),
        [(Ops.Ram, "ListPoliciesForGroup")] = new(RamActions.ListPoliciesForGroup, Fixed(("GroupName", "team"))),
        [(Ops.Ram, "AttachPolicyToRole")] = new(RamActions.AttachPolicyToRole, async f => Attach(("RoleName", await f.RoleAsync()))),
        [(Ops.Ram, "DetachPolicyFromRole")] = new(RamActions.DetachPolicyFromRole, async f => Attach(("RoleName", await f.AttachedAsync(PrincipalKind.Role)))),
        [(Ops.Ram, "ListPoliciesForRole")] = new(RamActions.ListPoliciesForRole, Fixed(("RoleName", "role1"))),
        [(Ops.Ram, "GetSecurityPreference")] = new(RamActions.GetSecurityPreference, Fixed()),
        [(Ops.Ram, "SetSecurityPreference")] = new(RamActions.SetSecurityPreference, Fixed(("LoginSessionDuration", "6"))),
        [(Ops.Ram, "GetPasswordPolicy")] = new(RamActions.GetPasswordPolicy, Fixed()),
        [(Ops.Ram, "SetPasswordPolicy")] = new(RamActions.SetPasswordPolicy, Fixed(("MinimumPasswordLength", "12"))),
        [(Ops.Ram, "GetAccountAlias")] = new(RamActions.GetAccountAlias, Fixed()),
        [(Ops.Ram, "SetAccountAlias")] = new(RamActions.SetAccountAlias, f => Now(("AccountAlias", f.Next("alias")))),
        [(Ops.Ram, "SimulateCustomPolicy")] = new(RamActions.SimulateCustomPolicy, Fixed(("PolicyInputList", JsonSerializer.Serialize(new[] { Doc })),
            ("ActionNames", """["kvstore:DescribeInstances"]"""))),
        [(Ops.Ram, "SimulatePrincipalPolicy")] = new(RamActions.SimulatePrincipalPolicy, f => Now(("PolicySourceArn", Arns.User(f.AccountId, "target")),
            ("ActionNames", """["kvstore:DescribeInstances"]"""))),
        [(Ops.Sts, "AssumeRole")] = new(StsActions.AssumeRole, f => Now(("RoleArn", Arns.Role(f.AccountId, "role1")), ("RoleSessionName", f.Next("session")))),
        [(Ops.Sts, "GetCallerIdentity")] = new(StsActions.GetCallerIdentity, Fixed()),
        [(Ops.Sts, "AssumeRoleWithSAML")] = new(StsActions.AssumeRoleWithSAML, f => Now(f.SamlCall("fed-allow"))) { Refused = f => Now(f.SamlCall("fed-deny")) },
        [(Ops.Sts, "AssumeRoleWithOIDC")] = new(StsActions.AssumeRoleWithOIDC, f => Now(f.OidcCall("fed-allow"))) { Refused = f => Now(f.OidcCall("fed-deny")) },
        [(Ops.Ims, "CreateSAMLProvider")] = new(RamActions.CreateSAMLProvider, f => Now(("SAMLProviderName", f.Next("idp")), ("EncodedSAMLMetadataDocument", f.Idp.EncodedMetadata()))),
        [(Ops.Ims, "GetSAMLProvider")] = new(RamActions.GetSAMLProvider, Fixed(("SAMLProviderName", "idp"))),
        [(Ops.Ims, "ListSAMLProviders")] = new(RamActions.ListSAMLProviders, Fixed()),
        [(Ops.Ims, "UpdateSAMLProvider")] = new(RamActions.UpdateSAMLProvider, Fixed(("SAMLProviderName", "idp"), ("NewDescription", "updated"))),
        [(Ops.Ims, "DeleteSAMLProvider")] = new(RamActions.DeleteSAMLProvider, async f => P(("SAMLProviderName", await f.SamlProviderAsync()))),
        [(Ops.Ims, "CreateOIDCProvider")] = new(RamActions.CreateOIDCProvider, f => Now(("OIDCProviderName", f.Next("oidc")), ("IssuerUrl", "https://" + f.Next("issuer") + ".example.com"),
            ("Fingerprints", Fixture.Fingerprint))),
        [(Ops.Ims, "GetOIDCProvider")] = new(RamActions.GetOIDCProvider, Fixed(("OIDCProviderName", "oidc"))),
        [(Ops.Ims, "ListOIDCProviders")] = new(RamActions.ListOIDCProviders, Fixed()),
        [(Ops.Ims, "UpdateOIDCProvider")] = new(RamActions.UpdateOIDCProvider, Fixed(("OIDCProviderName", "oidc"), ("NewDescription", "updated"))),
        [(Ops.Ims, "DeleteOIDCProvider")] = new(RamActions.DeleteOIDCProvider, async f => P(("OIDCProviderName", await f.OidcProviderAsync()))),
        [(Ops.Ims, "AddClientIdToOIDCProvider")] = new(RamActions.AddClientIdToOIDCProvider, async f => P(("OIDCProviderName", await f.OidcProviderAsync()), ("ClientId", "new-client"))),
        [(Ops.Ims, "RemoveClientIdFromOIDCProvider")] = new(RamActions.RemoveClientIdFromOIDCProvider, async f => P(("OIDCProviderName", await f.OidcProviderAsync()), ("ClientId", "app-1"))),
        [(Ops.Ims, "AddFingerprintToOIDCProvider")] = new(RamActions.AddFingerprintToOIDCProvider, async f => P(("OIDCProviderName", await f.OidcProviderAsync()), ("Fingerprint", new string('B', 40)))),
        [(Ops.Ims, "RemoveFingerprintFromOIDCProvider")] = new(RamActions.RemoveFingerprintFromOIDCProvider, async f => P(("OIDCProviderName", await f.OidcProviderAsync(secondFingerprint: true)),
            ("Fingerprint", Fixture.Fingerprint))),
        [(Ops.Ims, "SetUserSsoSettings")] = new(RamActions.SetUserSsoSettings, Fixed(("AuxiliaryDomain", "corp.example"))),
        [(Ops.Ims, "GetUserSsoSettings")] = new(RamActions.GetUserSsoSettings, Fixed()),
        [(Ops.Ims, "GenerateCredentialReport")] = new(RamActions.GenerateCredentialReport, Fixed()),
        [(Ops.Ims, "GetCredentialReport")] = new(RamActions.GetCredentialReport, Fixed()),
        [(Ops.Kvstore, "CreateInstance")] = new(KvstoreActions.CreateInstance, f => Now(("InstanceName", f.Next("cache")))),
        [(Ops.Kvstore, "DescribeInstances")] = new(KvstoreActions.DescribeInstances, Fixed()),
        [(Ops.Kvstore, "DescribeInstanceAttribute")] = new(KvstoreActions.DescribeInstanceAttribute, f => Now(("InstanceId", f.InstanceId))),
        [(Ops.Kvstore, "ModifyInstanceAttribute")] = new(KvstoreActions.ModifyInstanceAttribute, f => Now(("InstanceId", f.InstanceId), ("InstanceName", "renamed"))),
        [(Ops.Kvstore, "DeleteInstance")] = new(KvstoreActions.DeleteInstance, async f => P(("InstanceId", await f.InstanceAsync()))),
        [(Ops.Kvstore, "RestartInstance")] = new(KvstoreActions.RestartInstance, async f => P(("InstanceId", await f.InstanceAsync()))),
        [(Ops.Kvstore, "FlushInstance")] = new(KvstoreActions.FlushInstance, f => Now(("InstanceId", f.InstanceId))),
        [(Ops.Kvstore, "DescribeInstanceConfig")] = new(KvstoreActions.DescribeInstanceConfig, f => Now(("InstanceId", f.InstanceId))),
        [(Ops.Kvstore, "ModifyInstanceConfig")] = new(KvstoreActions.ModifyInstanceConfig, f => Now(("InstanceId", f.InstanceId), ("Config", """{"timeout":"0"}"""))),
        [(Ops.Kvstore, "CreateAccount")] = new(KvstoreActions.CreateAccount, f => Now(("InstanceId", f.InstanceId), ("AccountName", f.Next("acct")),
            ("AccountPassword", Password))),
        [(Ops.Kvstore, "DescribeAccounts")] = new(KvstoreActions.DescribeAccounts, f => Now(("InstanceId", f.InstanceId))),
        [(Ops.Kvstore, "GrantAccountPrivilege")] = new(KvstoreActions.GrantAccountPrivilege, f => Now(("InstanceId", f.InstanceId), ("AccountName", "app"),
            ("AccountPrivilege", "RoleReadOnly"))),
        [(Ops.Kvstore, "ResetAccountPassword")] = new(KvstoreActions.ResetAccountPassword, f => Now(("InstanceId", f.InstanceId), ("AccountName", "app"),
            ("AccountPassword", Password))),
        [(Ops.Kvstore, "ModifyAccountPassword")] = new(KvstoreActions.ModifyAccountPassword, async f => P(("InstanceId", f.InstanceId),
            ("AccountName", await f.AccountAsync()), ("OldAccountPassword", Password), ("NewAccountPassword", "Other-Passw0rd-2"))),
        [(Ops.Kvstore, "ModifyAccountDescription")] = new(KvstoreActions.ModifyAccountDescription, f => Now(("InstanceId", f.InstanceId), ("AccountName", "app"),
            ("AccountDescription", "updated"))),
        [(Ops.Kvstore, "DeleteAccount")] = new(KvstoreActions.DeleteAccount, async f => P(("InstanceId", f.InstanceId), ("AccountName", await f.AccountAsync()))),
        [(Ops.Kvstore, "CreateTemporaryAccount")] = new(KvstoreActions.CreateTemporaryAccount, f => Now(("InstanceId", f.InstanceId),
            ("AccountPrivilege", "RoleReadOnly"), ("DurationSeconds", "900"))),
    };

    private static Dictionary<string, string> P(params (string Name, string Value)[] parameters) => parameters.ToDictionary(p => p.Name, p => p.Value);

    private static Task<Dictionary<string, string>> Now(params (string Name, string Value)[] parameters) => Task.FromResult(P(parameters));

    private static Dictionary<string, string> Attach((string Name, string Value) principal) =>
        new() { ["PolicyType"] = "System", ["PolicyName"] = "AliyunKvstoreReadOnlyAccess", [principal.Name] = principal.Value };

    public static TheoryData<string, string> Operations()
    {
        var operations = new TheoryData<string, string>();
        foreach (var (version, name) in Rows.Keys) operations.Add(version, name);
        return operations;
    }

    [Fact]
    public void Every_operation_in_the_dispatch_table_has_a_row()
    {
        Assert.Empty(Ops.All.Keys.Except(Rows.Keys).Select(k => $"{k.Version} {k.Name}"));
        Assert.Empty(Rows.Keys.Except(Ops.All.Keys).Select(k => $"{k.Version} {k.Name}"));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void The_dispatch_table_names_the_operations_own_action(string version, string name)
    {
        Assert.Equal(Rows[(version, name)].Action, Ops.All[(version, name)].Action);
        Assert.Contains(Rows[(version, name)].Action, ActionCatalog.All);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task A_deny_of_the_operations_action_refuses_it_and_is_audited_under_that_name(string version, string name)
    {
        var row = Rows[(version, name)];
        if (Ops.All[(version, name)].Anonymous)
        {
            await An_anonymous_operation_refused_by_the_trust_policy_is_audited_under_its_name(row);
            return;
        }
        var parameters = await row.Arrange(fx);
        var (caller, arn) = await fx.CallerAsync("denied", $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"{{row.Action}}","Resource":"*"}]}""");

        var (status, body) = await caller.V1Async(version, name, parameters);

        if (Ops.All[(version, name)].GateFree is { } step)
        {
            // Documented as needing no authorization (GateFreeStep says why): a deny cannot hide what the caller already proved.
            Assert.Equal(GateFreeStep.CallerIdentity, step);
            Assert.True(status == 200, $"{name}: {status} {body}");
            return;
        }
        Assert.True(status == 403 && body.GetProperty("Code").GetString() == "NoPermission", $"{name}: {status} {body}");
        Assert.Equal(row.Action, body.GetProperty("AccessDeniedDetail").GetProperty("AuthAction").GetString());
        Assert.Equal("ExplicitDeny", body.GetProperty("AccessDeniedDetail").GetProperty("NoPermissionType").GetString());
        await using var db = fx.NewDb();
        Assert.Equal([row.Action], await db.AuditEvents.Where(e => e.PrincipalArn == arn && e.Result == AuditResult.Denied).Select(e => e.Action).ToListAsync());
    }

    /// <summary>
    /// An anonymous (federated) call has no identity policies: no caller's Deny can reach it, only the role's trust
    /// policy. A trust policy that denies the provider refuses it, audited under the operation's own action.
    /// </summary>
    private async Task An_anonymous_operation_refused_by_the_trust_policy_is_audited_under_its_name(Row row)
    {
        var parameters = await row.Refused!(fx);
        var (status, body) = await fx.AnonymousAsync(row.Action == StsActions.AssumeRoleWithSAML ? "AssumeRoleWithSAML" : "AssumeRoleWithOIDC", parameters);
        Assert.True(status == 403 && body.GetProperty("Code").GetString() == "NoPermission", $"{row.Action}: {status} {body}");
        Assert.Equal(row.Action, body.GetProperty("AccessDeniedDetail").GetProperty("AuthAction").GetString());
        Assert.Equal("ExplicitDeny", body.GetProperty("AccessDeniedDetail").GetProperty("NoPermissionType").GetString());
        await using var db = fx.NewDb();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == row.Action && e.Result == AuditResult.Denied && e.ResourceArn!.EndsWith("role/fed-deny")));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task A_user_allowed_only_the_operations_action_is_not_refused(string version, string name)
    {
        var row = Rows[(version, name)];
        var parameters = await row.Arrange(fx);
        if (Ops.All[(version, name)].Anonymous)
        {
            // Anonymous: nothing but the trust policy decides, so a call with no signature at all succeeds.
            var (anonymousStatus, anonymousBody) = await fx.AnonymousAsync(name, parameters);
            Assert.True(anonymousStatus == 200, $"{name}: {anonymousStatus} {anonymousBody}");
            return;
        }
        Assert.True(row.AlsoNeeded is null || row.Why is not null, $"{name}: say why it also needs {string.Join(", ", row.AlsoNeeded ?? [])}");
        var allowed = JsonSerializer.Serialize(new[] { row.Action }.Concat(row.AlsoNeeded ?? []));
        var (caller, arn) = await fx.CallerAsync("allowed", $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":{{allowed}},"Resource":"*"}]}""");

        var (status, body) = await caller.V1Async(version, name, parameters);

        Assert.True(status == 200 || (status != 403 && status < 500), $"{name}: {status} {body}");
        await using var db = fx.NewDb();
        Assert.False(await db.AuditEvents.AnyAsync(e => e.PrincipalArn == arn && e.Result == AuditResult.Denied), $"{name}: a refusal was audited");
    }

    /// <summary>One host for all rows: a target user with console access and a key, a group, a policy and a role to act on.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public const string Fingerprint = "902EF2DEEB3C5B13EA4C3D5193629309E231AE55";
        private readonly RamConsoleFactory _factory = new();
        private readonly TestCertificateAuthority _ca = new();
        private OidcIssuerForTests _issuer = null!;
        private int _next;

        public SamlIdpForTests Idp { get; } = new();

        public string AccountId { get; private set; } = "";
        public string TargetKey { get; private set; } = "";
        public string InstanceId { get; private set; } = "";
        public string Trust => $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{AccountId}}}:root"}}]}""";

        public string Next(string prefix) => $"{prefix}{Interlocked.Increment(ref _next)}";

        public RamDbContext NewDb() => _factory.Services.GetRequiredService<IDbContextFactory<RamDbContext>>().CreateDbContext();

        public async Task InitializeAsync()
        {
            _factory.CreateClient();
            AccountId = _factory.Services.GetRequiredService<RamAccount>().AccountId;
            await UseAsync<CreateUser>(u => u.RunAsync(_factory.Root, new("target", ConsolePassword: Password)));
            TargetKey = (await UseAsync<AccessKeyUseCases, NewAccessKey>(k => k.CreateAsync(_factory.Root, "target"))).AccessKeyId;
            await UseAsync<CreateGroup>(g => g.RunAsync(_factory.Root, new("team")));
            await UseAsync<GroupMembership>(m => m.AddAsync(_factory.Root, "target", "team"));
            await UseAsync<CreatePolicy>(p => p.RunAsync(_factory.Root, new("pol", Doc)));
            await UseAsync<RoleUseCases>(r => r.CreateAsync(_factory.Root, new("role1", Trust)));
            InstanceId = await InstanceAsync();
            await UseAsync<RedisAccounts>(a => a.CreateAsync(_factory.Root, InstanceId, "app", Password, AccountPrivilege.ReadWrite, null));
            _issuer = await OidcIssuerForTests.StartAsync(_ca);
            await UseAsync<SamlProviders>(p => p.CreateAsync(_factory.Root, new("idp", Idp.EncodedMetadata())));
            await UseAsync<OidcProviders>(p => p.CreateAsync(_factory.Root, new("oidc", _issuer.Issuer, _ca.Fingerprint, "app-1")));
            foreach (var (role, effect) in new[] { ("fed-allow", "Allow"), ("fed-deny", "Deny") })
            {
                var federated = JsonSerializer.Serialize(new { Federated = new[] { SamlArn, OidcArn } });
                await UseAsync<RoleUseCases>(r => r.CreateAsync(_factory.Root, new(role, $$"""
                    {"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{{federated}}},
                    {"Effect":"{{effect}}","Action":"sts:AssumeRole","Principal":{{federated}}}]}
                    """)));
            }
        }

        private string SamlArn => $"acs:ram::{AccountId}:saml-provider/idp";
        private string OidcArn => $"acs:ram::{AccountId}:oidc-provider/oidc";

        /// <summary>AssumeRoleWithSAML's parameters: a fresh assertion offering <paramref name="role"/>.</summary>
        public (string, string)[] SamlCall(string role) =>
        [
            ("SAMLProviderArn", SamlArn), ("RoleArn", Arns.Role(AccountId, role)),
            ("SAMLAssertion", Idp.SignedResponse(new SamlResponseSpec
            {
                NameId = "alice@corp.example", Audience = "urn:alibaba:cloudcomputing", Recipient = "https://signin.aliyun.com/saml-role/sso", Now = DateTimeOffset.UtcNow,
                Attributes = new Dictionary<string, string[]>
                {
                    ["https://www.aliyun.com/SAML-Role/Attributes/Role"] = [$"{Arns.Role(AccountId, role)},{SamlArn}"],
                    ["https://www.aliyun.com/SAML-Role/Attributes/RoleSessionName"] = ["alice"],
                },
            })),
        ];

        public (string, string)[] OidcCall(string role) =>
            [("OIDCProviderArn", OidcArn), ("RoleArn", Arns.Role(AccountId, role)), ("OIDCToken", _issuer.Token(DateTimeOffset.UtcNow)), ("RoleSessionName", "ci")];

        /// <summary>An unsigned STS call, as the official SDK sends the federated ones.</summary>
        public async Task<(int Status, JsonElement Body)> AnonymousAsync(string action, IDictionary<string, string> parameters)
        {
            var query = string.Join("&", parameters.Concat([KeyValuePair.Create("Action", action), KeyValuePair.Create("Version", Ops.Sts), KeyValuePair.Create("Format", "JSON")])
                .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
            var response = await _factory.CreateClient().PostAsync("/?" + query, null);
            return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
        }

        public async Task<string> SamlProviderAsync()
        {
            var name = Next("idp");
            await UseAsync<SamlProviders>(p => p.CreateAsync(_factory.Root, new(name, Idp.EncodedMetadata())));
            return name;
        }

        public async Task<string> OidcProviderAsync(bool secondFingerprint = false)
        {
            var name = Next("oidc");
            var fingerprints = secondFingerprint ? Fingerprint + "," + new string('C', 40) : Fingerprint;
            await UseAsync<OidcProviders>(p => p.CreateAsync(_factory.Root, new(name, $"https://{name}.example.com", fingerprints, "app-1,app-2")));
            return name;
        }

        /// <summary>A new managed Redis instance (a real redis-server).</summary>
        public async Task<string> InstanceAsync() =>
            (await UseAsync<CreateRedisInstance, RedisInstanceView>(c => c.RunAsync(_factory.Root, new(Next("cache"), Password)))).InstanceId;

        /// <summary>A new account of the shared instance, with the known password.</summary>
        public async Task<string> AccountAsync()
        {
            var name = Next("acct");
            await UseAsync<RedisAccounts>(a => a.CreateAsync(_factory.Root, InstanceId, name, Password, AccountPrivilege.ReadOnly, null));
            return name;
        }

        public async Task DisposeAsync()
        {
            await _factory.DisposeAsync();
            if (_issuer is not null) await _issuer.DisposeAsync();
            _ca.Dispose();
            Idp.Dispose();
        }

        /// <summary>A new RAM user whose only policy is <paramref name="document"/>, with an AccessKey to call as.</summary>
        public async Task<(RpcClient Client, string Arn)> CallerAsync(string prefix, string document)
        {
            var name = Next(prefix);
            await UseAsync<CreateUser>(u => u.RunAsync(_factory.Root, new(name)));
            await UseAsync<CreatePolicy>(p => p.RunAsync(_factory.Root, new(name + "-policy", document)));
            await UseAsync<PolicyAttachments>(a => a.AttachAsync(_factory.Root, "Custom", name + "-policy", PrincipalKind.User, name));
            var key = await UseAsync<AccessKeyUseCases, NewAccessKey>(k => k.CreateAsync(_factory.Root, name));
            return (new RpcClient(_factory.CreateClient(), key.AccessKeyId, key.AccessKeySecret), Arns.User(AccountId, name));
        }

        public async Task<string> UserAsync(bool console = false, bool inTeam = false)
        {
            var name = Next("user");
            await UseAsync<CreateUser>(u => u.RunAsync(_factory.Root, new(name, ConsolePassword: console ? Password : null)));
            if (inTeam) await UseAsync<GroupMembership>(m => m.AddAsync(_factory.Root, name, "team"));
            return name;
        }

        public async Task<(string User, string Key)> UserWithKeyAsync()
        {
            var name = await UserAsync();
            return (name, (await UseAsync<AccessKeyUseCases, NewAccessKey>(k => k.CreateAsync(_factory.Root, name))).AccessKeyId);
        }

        public async Task<string> GroupAsync()
        {
            var name = Next("group");
            await UseAsync<CreateGroup>(g => g.RunAsync(_factory.Root, new(name)));
            return name;
        }

        public async Task<string> RoleAsync()
        {
            var name = Next("role");
            await UseAsync<RoleUseCases>(r => r.CreateAsync(_factory.Root, new(name, Trust)));
            return name;
        }

        public async Task<string> PolicyAsync(bool withSecondVersion = false)
        {
            var name = Next("policy");
            await UseAsync<CreatePolicy>(p => p.RunAsync(_factory.Root, new(name, Doc)));
            if (withSecondVersion) await UseAsync<PolicyVersions>(v => v.CreateAsync(_factory.Root, name, Doc, setAsDefault: false));
            return name;
        }

        /// <summary>A new user, group or role with AliyunKvstoreReadOnlyAccess attached.</summary>
        public async Task<string> AttachedAsync(PrincipalKind kind)
        {
            var name = kind switch { PrincipalKind.User => await UserAsync(), PrincipalKind.Group => await GroupAsync(), _ => await RoleAsync() };
            await UseAsync<PolicyAttachments>(a => a.AttachAsync(_factory.Root, "System", "AliyunKvstoreReadOnlyAccess", kind, name));
            return name;
        }

        private async Task UseAsync<T>(Func<T, Task> act) where T : notnull
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            await act(scope.ServiceProvider.GetRequiredService<T>());
        }

        private async Task<TResult> UseAsync<T, TResult>(Func<T, Task<TResult>> act) where T : notnull
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            return await act(scope.ServiceProvider.GetRequiredService<T>());
        }
    }
}
