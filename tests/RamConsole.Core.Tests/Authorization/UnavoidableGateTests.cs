using Microsoft.EntityFrameworkCore;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Audit;
using RamConsole.Core.Mfa;
using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Sessions;
using RamConsole.Core.Sts;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using RamConsole.Policy.Catalog;
using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Authorization;

/// <summary>The rules RamAuthorizer and UseCaseServices state, one test each, attacks included.</summary>
public sealed class UnavoidableGateTests
{
    private static string Trust(string account) =>
        $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{account}}}:root"}}]}""";

    private static async Task<CoreHost> WithPolicyAsync(string userName, string document)
    {
        var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new(userName));
        await host.Use<CreatePolicy>().RunAsync(host.Root, new(userName + "-policy", document));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "Custom", userName + "-policy", PrincipalKind.User, userName);
        return host;
    }

    [Fact]
    public async Task A_refused_caller_cannot_tell_a_user_that_exists_from_one_that_does_not()
    {
        await using var host = await WithPolicyAsync("mallory", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:*","Resource":"*"}]}""");
        await host.AddConsoleUserAsync("alice", "Alice-Passw0rd-2026");
        var mallory = host.As("mallory");
        Func<string, Func<Task>>[] probes =
        [
            name => () => host.Use<MfaDevices>().GetStatusAsync(mallory, name),
            name => () => host.Use<MfaDevices>().RemoveAllAsync(mallory, name),
            name => () => host.Use<UserSessions>().ListAsync(mallory, name),
            name => () => host.Use<UserSessions>().EndAsync(mallory, name, null),
            name => () => host.Use<GetUser>().RunAsync(mallory, name),
            name => () => host.Use<AccessKeyUseCases>().ListAsync(mallory, name),
            name => () => host.Use<LoginProfiles>().GetAsync(mallory, name),
            name => () => host.Use<RevokeUserStsSessions>().RunAsync(mallory, name),
        ];

        foreach (var probe in probes)
        {
            Assert.Equal("NoPermission", await CodeOf(probe("alice")));
            Assert.Equal("NoPermission", await CodeOf(probe("nobody")));
        }
    }

    [Fact]
    public async Task AssumeRole_refuses_a_caller_its_policies_do_not_allow_before_saying_whether_the_role_exists()
    {
        await using var host = await WithPolicyAsync("mallory", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"acs:ram::*:role/public-*"}]}""");
        await host.Use<RoleUseCases>().CreateAsync(host.Root, new("secret-ops", Trust(host.AccountId)));
        var assume = host.Use<AssumeRole>();

        var existing = await CodeOf(() => assume.RunAsync(host.As("mallory"), new($"acs:ram::{host.AccountId}:role/secret-ops", "s1")));
        var missing = await CodeOf(() => assume.RunAsync(host.As("mallory"), new($"acs:ram::{host.AccountId}:role/secret-nope", "s1")));
        var allowedButMissing = await CodeOf(() => assume.RunAsync(host.As("mallory"), new($"acs:ram::{host.AccountId}:role/public-nope", "s1")));

        Assert.Equal(("NoPermission", "NoPermission", "EntityNotExist.Role"), (existing, missing, allowedButMissing));
        await using var db = host.NewDb();
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == StsActions.AssumeRole && e.Result == AuditResult.Denied));
    }

    [Fact]
    public async Task AssumeRole_is_decided_on_the_roles_own_spelling_so_a_deny_bites_whatever_the_case_of_the_request()
    {
        await using var host = await WithPolicyAsync("alice",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"},{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"acs:ram::*:role/Ops"}]}""");
        await host.Use<RoleUseCases>().CreateAsync(host.Root, new("Ops", Trust(host.AccountId)));

        Assert.Equal("NoPermission", await CodeOf(() => host.Use<AssumeRole>().RunAsync(host.As("alice"), new($"acs:ram::{host.AccountId}:role/OPS", "s1"))));
    }

    [Fact]
    public async Task A_deny_on_a_names_stored_spelling_bites_whatever_the_casing_of_the_request()
    {
        await using var host = await WithPolicyAsync("mallory",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:*","Resource":"*"},{"Effect":"Deny","Action":["ram:GetUser","ram:GetGroup"],"Resource":["acs:ram:*:*:user/Alice","acs:ram:*:*:group/Ops"]}]}""");
        await host.Use<CreateUser>().RunAsync(host.Root, new("Alice"));
        await host.Use<Core.Groups.CreateGroup>().RunAsync(host.Root, new("Ops"));

        Assert.Equal("NoPermission", await CodeOf(() => host.Use<GetUser>().RunAsync(host.As("mallory"), "ALICE")));
        Assert.Equal("NoPermission", await CodeOf(() => host.Use<Core.Groups.ListGroups>().GetAsync(host.As("mallory"), "ops")));
        await using var db = host.NewDb();
        Assert.Equal([$"acs:ram:*:{host.AccountId}:group/Ops", $"acs:ram:*:{host.AccountId}:user/Alice"],
            await db.AuditEvents.Where(e => e.Result == AuditResult.Denied).Select(e => e.ResourceArn!).OrderBy(r => r).ToListAsync());
    }

    [Fact]
    public async Task A_renamed_user_is_decided_on_its_new_spelling_at_once()
    {
        await using var host = await WithPolicyAsync("mallory",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:*","Resource":"*"},{"Effect":"Deny","Action":"ram:GetUser","Resource":"acs:ram:*:*:user/Bob"}]}""");
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));
        Assert.Equal("EntityNotExist.User", await CodeOf(() => host.Use<GetUser>().RunAsync(host.As("mallory"), "BOB"))); // the names are loaded without Bob

        await host.Use<UpdateUser>().RunAsync(host.Root, new("alice", NewUserName: "Bob"));

        Assert.Equal("NoPermission", await CodeOf(() => host.Use<GetUser>().RunAsync(host.As("mallory"), "bob")));
    }

    [Fact]
    public async Task A_role_sessions_own_session_policy_narrows_what_it_may_assume()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunSTSAssumeRoleAccess", PrincipalKind.User, "alice");
        var first = await host.Use<RoleUseCases>().CreateAsync(host.Root, new("first", Trust(host.AccountId)));
        var second = await host.Use<RoleUseCases>().CreateAsync(host.Root, new("second", Trust(host.AccountId)));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunSTSAssumeRoleAccess", PrincipalKind.Role, "first");
        var narrowed = await host.Use<AssumeRole>().RunAsync(host.As("alice"), new(first.Arn, "s1",
            Policy: """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:Describe*","Resource":"*"}]}"""));
        var session = host.Use<StsTokens>().Open(narrowed.SecurityToken)!;
        var asSession = new Core.Authorization.Caller
        {
            Type = Core.PrincipalKind.AssumedRole, Arn = session.Arn, Name = "first", DisplayName = "first/s1",
            Channel = Core.Authorization.CallChannel.Api, SessionPolicy = session.SessionPolicy, Session = session,
        };

        var error = await Assert.ThrowsAsync<Core.Errors.RamException>(() => host.Use<AssumeRole>().RunAsync(asSession, new(second.Arn, "s2")));

        Assert.Equal(("NoPermission", "SessionPolicy"), (error.Code, error.AccessDenied!.PolicyType));
    }

    [Fact]
    public async Task A_user_manages_their_own_keys_by_the_setting_but_an_explicit_deny_still_wins()
    {
        await using var host = await WithPolicyAsync("alice", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:*","Resource":"*"}]}""");
        await host.SetPreferenceAsync(new(AllowUserToManageAccessKeys: true));
        await host.Use<CreateUser>().RunAsync(host.Root, new("bob"));
        var keys = host.Use<AccessKeyUseCases>();

        await keys.CreateAsync(host.As("alice"), "alice"); // no policy allows it: the setting does, for oneself
        Assert.Equal("NoPermission", await CodeOf(() => keys.CreateAsync(host.As("alice"), "bob"))); // never for someone else
        await host.Use<CreatePolicy>().RunAsync(host.Root, new("no-keys", """{"Version":"1","Statement":[{"Effect":"Deny","Action":"ram:CreateAccessKey","Resource":"*"}]}"""));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "Custom", "no-keys", PrincipalKind.User, "alice");
        Assert.Equal("NoPermission", await CodeOf(() => keys.CreateAsync(host.As("alice"), "alice")));
    }

    [Fact]
    public async Task An_extra_action_a_change_performs_is_decided_too_and_a_refusal_writes_nothing()
    {
        await using var host = await WithPolicyAsync("lead", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:CreateUser","Resource":"*"}]}""");

        var error = await Assert.ThrowsAsync<Core.Errors.RamException>(() =>
            host.Use<CreateUser>().RunAsync(host.As("lead"), new("carol", ConsolePassword: "Carol-Passw0rd-2026")));

        Assert.Equal(("NoPermission", RamActions.CreateLoginProfile), (error.Code, error.AccessDenied!.AuthAction));
        await using var db = host.NewDb();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "carol"));
        Assert.Equal(RamActions.CreateLoginProfile, (await db.AuditEvents.SingleAsync(e => e.Result == AuditResult.Denied)).Action);
    }
}
