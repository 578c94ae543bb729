using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.Account;
using RamConsole.Tests.Shared;
using Ops = RamConsole.Web.Api.ApiOperations;

namespace RamConsole.Web.Tests.Api;

/// <summary>Every RAM operation once, through the real pipeline, as a RAM administrator would script them.</summary>
public sealed class RpcOperationsTests : IAsyncLifetime
{
    private readonly RamConsoleFactory _factory = new();
    private RpcClient _admin = null!;
    private string _accountId = "";

    public async Task InitializeAsync()
    {
        _factory.CreateClient();
        _accountId = _factory.Services.GetRequiredService<RamAccount>().AccountId;
        var key = await _factory.UserWithKeyAsync("ram-admin", "AliyunRAMFullAccess");
        _admin = new RpcClient(_factory.CreateClient(), key.AccessKeyId, key.AccessKeySecret);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<JsonElement> Ok(string action, params (string Name, string Value)[] parameters)
    {
        var (status, body) = await _admin.V1Async(Ops.Ram, action, parameters.ToDictionary(p => p.Name, p => p.Value));
        Assert.True(status == 200, $"{action}: {status} {body}");
        return body;
    }

    private async Task<string> Fails(string action, int status, params (string Name, string Value)[] parameters)
    {
        var (actual, body) = await _admin.V1Async(Ops.Ram, action, parameters.ToDictionary(p => p.Name, p => p.Value));
        Assert.True(actual == status, $"{action}: expected {status}, got {actual} {body}");
        return body.GetProperty("Code").GetString()!;
    }

    private static string[] Names(JsonElement list, string field) => [.. list.EnumerateArray().Select(e => e.GetProperty(field).GetString()!)];

    [Fact]
    public async Task Users_login_profiles_and_AccessKeys()
    {
        var created = await Ok("CreateUser", ("UserName", "alice"), ("DisplayName", "Alice"));
        Assert.Equal("alice", created.GetProperty("User").GetProperty("UserName").GetString());
        Assert.Equal("EntityAlreadyExists.User", await Fails("CreateUser", 409, ("UserName", "ALICE")));
        Assert.Equal("InvalidParameter.UserName.InvalidChars", await Fails("CreateUser", 400, ("UserName", "a b")));
        await Ok("UpdateUser", ("UserName", "alice"), ("NewComments", "ops"));
        Assert.Equal("ops", (await Ok("GetUser", ("UserName", "alice"))).GetProperty("User").GetProperty("Comments").GetString());

        var profile = await Ok("CreateLoginProfile", ("UserName", "alice"), ("Password", "Alice-Passw0rd-123-Zt9q"), ("PasswordResetRequired", "true"));
        Assert.True(profile.GetProperty("LoginProfile").GetProperty("PasswordResetRequired").GetBoolean());
        Assert.False((await Ok("UpdateLoginProfile", ("UserName", "alice"), ("PasswordResetRequired", "false"))).GetProperty("LoginProfile").GetProperty("PasswordResetRequired").GetBoolean());
        Assert.Equal("alice", (await Ok("GetLoginProfile", ("UserName", "alice"))).GetProperty("LoginProfile").GetProperty("UserName").GetString());

        var key = (await Ok("CreateAccessKey", ("UserName", "alice"))).GetProperty("AccessKey");
        Assert.Equal(30, key.GetProperty("AccessKeySecret").GetString()!.Length);
        var id = key.GetProperty("AccessKeyId").GetString()!;
        var listed = (await Ok("ListAccessKeys", ("UserName", "alice"))).GetProperty("AccessKeys").GetProperty("AccessKey");
        Assert.Equal([id], Names(listed, "AccessKeyId"));
        Assert.False(listed[0].TryGetProperty("AccessKeySecret", out _));
        await Ok("UpdateAccessKey", ("UserName", "alice"), ("UserAccessKeyId", id), ("Status", "Inactive"));
        Assert.Equal("", (await Ok("GetAccessKeyLastUsed", ("UserName", "alice"), ("UserAccessKeyId", id))).GetProperty("AccessKeyLastUsed").GetProperty("LastUsedDate").GetString());
        Assert.Equal("DeleteConflict.User.AccessKey", await Fails("DeleteUser", 409, ("UserName", "alice")));
        await Ok("DeleteAccessKey", ("UserName", "alice"), ("UserAccessKeyId", id));
        await Ok("DeleteLoginProfile", ("UserName", "alice"));
        await Ok("DeleteUser", ("UserName", "alice"));
        Assert.Equal("EntityNotExist.User", await Fails("GetUser", 404, ("UserName", "alice")));
    }

    [Fact]
    public async Task Groups_policies_versions_attachments_and_roles()
    {
        await Ok("CreateUser", ("UserName", "bob"));
        await Ok("CreateGroup", ("GroupName", "ops"), ("Comments", "operators"));
        await Ok("AddUserToGroup", ("UserName", "bob"), ("GroupName", "ops"));
        Assert.Equal(["ops"], Names((await Ok("ListGroupsForUser", ("UserName", "bob"))).GetProperty("Groups").GetProperty("Group"), "GroupName"));
        Assert.Equal(["bob"], Names((await Ok("ListUsersForGroup", ("GroupName", "ops"))).GetProperty("Users").GetProperty("User"), "UserName"));
        Assert.Equal("operators", (await Ok("GetGroup", ("GroupName", "ops"))).GetProperty("Group").GetProperty("Comments").GetString());

        Assert.Equal("MalformedPolicyDocument", await Fails("CreatePolicy", 400, ("PolicyName", "bad"), ("PolicyDocument", """{"Version":"1"}""")));
        await Ok("CreatePolicy", ("PolicyName", "kv"), ("PolicyDocument", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:*","Resource":"*"}]}"""));
        var v2 = await Ok("CreatePolicyVersion", ("PolicyName", "kv"), ("PolicyDocument", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:Describe*","Resource":"*"}]}"""), ("SetAsDefault", "true"));
        Assert.Equal("v2", v2.GetProperty("PolicyVersion").GetProperty("VersionId").GetString());
        Assert.Equal(["v2", "v1"], Names((await Ok("ListPolicyVersions", ("PolicyName", "kv"))).GetProperty("PolicyVersions").GetProperty("PolicyVersion"), "VersionId"));
        await Ok("SetDefaultPolicyVersion", ("PolicyName", "kv"), ("VersionId", "v1"));
        Assert.True((await Ok("GetPolicyVersion", ("PolicyName", "kv"), ("VersionId", "v1"))).GetProperty("PolicyVersion").GetProperty("IsDefaultVersion").GetBoolean());
        Assert.Equal("v1", (await Ok("GetPolicy", ("PolicyName", "kv"), ("PolicyType", "Custom"))).GetProperty("DefaultPolicyVersion").GetProperty("VersionId").GetString());
        await Ok("AttachPolicyToGroup", ("PolicyType", "Custom"), ("PolicyName", "kv"), ("GroupName", "ops"));
        Assert.Equal(["kv"], Names((await Ok("ListPoliciesForGroup", ("GroupName", "ops"))).GetProperty("Policies").GetProperty("Policy"), "PolicyName"));
        Assert.Equal("DeleteConflict.Policy.Attachment", await Fails("DeletePolicy", 409, ("PolicyName", "kv")));

        var trust = $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{_accountId}}}:root"}}]}""";
        var role = (await Ok("CreateRole", ("RoleName", "redis-ops"), ("AssumeRolePolicyDocument", trust), ("MaxSessionDuration", "7200"))).GetProperty("Role");
        Assert.Equal($"acs:ram::{_accountId}:role/redis-ops", role.GetProperty("Arn").GetString());
        await Ok("UpdateRole", ("RoleName", "redis-ops"), ("NewDescription", "Redis operators"));
        await Ok("AttachPolicyToRole", ("PolicyType", "System"), ("PolicyName", "AliyunKvstoreFullAccess"), ("RoleName", "redis-ops"));
        Assert.Equal(["redis-ops"], Names((await Ok("ListRoles")).GetProperty("Roles").GetProperty("Role"), "RoleName"));
        var entities = await Ok("ListEntitiesForPolicy", ("PolicyType", "System"), ("PolicyName", "AliyunKvstoreFullAccess"));
        Assert.Equal(["redis-ops"], Names(entities.GetProperty("Roles").GetProperty("Role"), "RoleName"));
        Assert.Equal(0, entities.GetProperty("Users").GetProperty("User").GetArrayLength());
        Assert.Equal("EntityNotExist.Role", await Fails("GetRole", 404, ("RoleName", "nope")));
        Assert.Equal("InvalidParameter.MaxSessionDuration", await Fails("CreateRole", 400, ("RoleName", "r2"), ("AssumeRolePolicyDocument", trust), ("MaxSessionDuration", "60")));
    }

    [Fact]
    public async Task Simulations_and_the_account_alias()
    {
        await Ok("CreateUser", ("UserName", "carol"));
        await Ok("AttachPolicyToUser", ("PolicyType", "System"), ("PolicyName", "AliyunKvstoreReadOnlyAccess"), ("UserName", "carol"));

        var custom = await Ok("SimulateCustomPolicy",
            ("PolicyInputList", """["{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kvstore:*\",\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"kvstore:Flush*\",\"Resource\":\"*\"}]}"]"""),
            ("ActionNames", """["kvstore:FlushInstance","kvstore:DescribeInstances"]"""), ("ResourceArns", """["acs:kvstore:cn:1:instance/r-1"]"""));
        var results = custom.GetProperty("EvaluationResults").GetProperty("EvaluationResult");
        Assert.Equal(["explicitDeny", "allowed"], Names(results, "EvalDecision"));
        Assert.Equal(1, results[0].GetProperty("MatchedStatements").GetProperty("Statement")[1].GetProperty("StatementIndex").GetInt32());

        var principal = await Ok("SimulatePrincipalPolicy", ("PolicySourceArn", $"acs:ram::{_accountId}:user/carol"),
            ("ActionNames", """["kvstore:DescribeInstances","kvstore:FlushInstance"]"""), ("ContextEntries", """{"acs:SourceIp":"10.0.0.1"}"""));
        Assert.Equal(["allowed", "implicitDeny"], Names(principal.GetProperty("EvaluationResults").GetProperty("EvaluationResult"), "EvalDecision"));
        Assert.Equal("InvalidParameter.ActionNames", await Fails("SimulateCustomPolicy", 400, ("PolicyInputList", "[]"), ("ActionNames", "not json")));
        Assert.Equal("e2e-account", (await Ok("GetAccountAlias")).GetProperty("AccountAlias").GetString());
        await Ok("SetAccountAlias", ("AccountAlias", "acme-prod"));
        Assert.Equal("acme-prod", (await Ok("GetAccountAlias")).GetProperty("AccountAlias").GetString());
        Assert.Equal("InvalidParameter.AccountAlias.InvalidChars", await Fails("SetAccountAlias", 400, ("AccountAlias", "-Bad_")));
    }

    [Fact]
    public async Task Security_preference_and_password_policy_read_and_change_in_alibabas_shapes()
    {
        var preference = (await Ok("GetSecurityPreference")).GetProperty("SecurityPreference");
        Assert.Equal("mandatory", preference.GetProperty("LoginProfilePreference").GetProperty("MFAOperationForLogin").GetString());
        Assert.True(preference.GetProperty("MFAPreference").GetProperty("AllowUserToManageMFADevices").GetBoolean());

        var changed = (await Ok("SetSecurityPreference", ("LoginSessionDuration", "3"), ("LoginNetworkMasks", "10.0.0.0/8;192.168.0.0/16"),
            ("AllowUserToManageAccessKeys", "true"))).GetProperty("SecurityPreference");
        Assert.Equal(3, changed.GetProperty("LoginProfilePreference").GetProperty("LoginSessionDuration").GetInt32());
        Assert.Equal("10.0.0.0/8;192.168.0.0/16", changed.GetProperty("LoginProfilePreference").GetProperty("LoginNetworkMasks").GetString());
        Assert.True(changed.GetProperty("AccessKeyPreference").GetProperty("AllowUserToManageAccessKeys").GetBoolean());
        Assert.Equal("InvalidParameter.LoginSessionDuration", await Fails("SetSecurityPreference", 400, ("LoginSessionDuration", "25")));
        Assert.Equal("InvalidParameter.LoginNetworkMasks", await Fails("SetSecurityPreference", 400, ("LoginNetworkMasks", "10.0.0.0/33")));
        Assert.Equal("InvalidParameter.AllowUserToManageAccessKeys", await Fails("SetSecurityPreference", 400, ("AllowUserToManageAccessKeys", "yes")));
        // The idle timeout, a RamConsole extension, in the same shape.
        Assert.Equal(30, changed.GetProperty("LoginProfilePreference").GetProperty("LoginIdleTimeout").GetInt32());
        var idle = (await Ok("SetSecurityPreference", ("LoginIdleTimeout", "15"))).GetProperty("SecurityPreference");
        Assert.Equal(15, idle.GetProperty("LoginProfilePreference").GetProperty("LoginIdleTimeout").GetInt32());
        Assert.Equal(3, idle.GetProperty("LoginProfilePreference").GetProperty("LoginSessionDuration").GetInt32()); // the rest kept
        Assert.Equal("InvalidParameter.LoginIdleTimeout", await Fails("SetSecurityPreference", 400, ("LoginIdleTimeout", "4")));

        Assert.Equal(12, (await Ok("GetPasswordPolicy")).GetProperty("PasswordPolicy").GetProperty("MinimumPasswordLength").GetInt32());
        var policy = (await Ok("SetPasswordPolicy", ("MinimumPasswordLength", "14"), ("RequireSymbols", "true"), ("MaxPasswordAge", "90"))).GetProperty("PasswordPolicy");
        Assert.Equal(14, policy.GetProperty("MinimumPasswordLength").GetInt32());
        Assert.True(policy.GetProperty("RequireSymbols").GetBoolean());
        Assert.Equal(90, policy.GetProperty("MaxPasswordAge").GetInt32());
        Assert.Equal("InvalidParameter.MinimumPasswordLength", await Fails("SetPasswordPolicy", 400, ("MinimumPasswordLength", "7")));
        Assert.Equal("InvalidParameter.MaxLoginAttemps", await Fails("SetPasswordPolicy", 400, ("MaxLoginAttemps", "33")));
    }
}
