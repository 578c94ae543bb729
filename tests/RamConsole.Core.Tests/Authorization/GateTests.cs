using Microsoft.EntityFrameworkCore;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Audit;
using RamConsole.Core.Authorization;
using RamConsole.Core.Errors;
using RamConsole.Core.Groups;
using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Authorization;

/// <summary>The gate with real policies: what the issue asks of RAM administrators, read-only users and scoped grants.</summary>
public sealed class GateTests
{
    private static async Task<CoreHost> WithUserAsync(string userName, params string[] systemPolicies)
    {
        var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new(userName));
        foreach (var policy in systemPolicies)
            await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", policy, PrincipalKind.User, userName);
        return host;
    }

    private static string Trust(string account) => $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{account}}}:root"}}]}""";

    [Fact]
    public async Task A_RAM_administrator_with_AliyunRAMFullAccess_can_do_everything_here()
    {
        await using var host = await WithUserAsync("admin", "AliyunRAMFullAccess");
        var admin = host.As("admin");

        await host.Use<CreateUser>().RunAsync(admin, new("alice"));
        await host.Use<UpdateUser>().RunAsync(admin, new("alice", NewDisplayName: "Alice"));
        await host.Use<LoginProfiles>().CreateAsync(admin, new("alice", "Str0ng-Passw0rd-1"));
        var key = await host.Use<AccessKeyUseCases>().CreateAsync(admin, "alice");
        await host.Use<CreateGroup>().RunAsync(admin, new("ops"));
        await host.Use<GroupMembership>().AddAsync(admin, "alice", "ops");
        await host.Use<CreatePolicy>().RunAsync(admin, new("p1", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:*","Resource":"*"}]}"""));
        await host.Use<PolicyVersions>().CreateAsync(admin, "p1", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:Describe*","Resource":"*"}]}""", true);
        await host.Use<PolicyAttachments>().AttachAsync(admin, "Custom", "p1", PrincipalKind.Group, "ops");
        await host.Use<RoleUseCases>().CreateAsync(admin, new("r1", Trust(host.AccountId)));
        await host.Use<ListUsers>().RunAsync(admin, null, 0, 10);
        await host.Use<DeleteUser>().RunAsync(admin, new("alice", RemoveEverything: true));
        Assert.Equal(24, key.AccessKeyId.Length);

        await using var db = host.NewDb();
        Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.Result == AuditResult.Denied));
    }

    [Fact]
    public async Task A_read_only_user_can_list_and_get_but_every_write_is_refused_and_audited()
    {
        await using var host = await WithUserAsync("auditor", "AliyunRAMReadOnlyAccess");
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));
        await host.Use<CreateGroup>().RunAsync(host.Root, new("ops"));
        var auditor = host.As("auditor");

        Assert.Equal(2, (await host.Use<ListUsers>().RunAsync(auditor, null, 0, 10)).TotalCount);
        await host.Use<GetUser>().RunAsync(auditor, "alice");
        await host.Use<ListGroups>().GetAsync(auditor, "ops");
        await host.Use<ListPolicies>().RunAsync(auditor, null, null, 0, 10);
        Func<Task>[] writes =
        [
            () => host.Use<CreateUser>().RunAsync(auditor, new("mallory")),
            () => host.Use<UpdateUser>().RunAsync(auditor, new("alice", NewDisplayName: "x")),
            () => host.Use<DeleteUser>().RunAsync(auditor, new("alice")),
            () => host.Use<LoginProfiles>().CreateAsync(auditor, new("alice", "Str0ng-Passw0rd-1")),
            () => host.Use<AccessKeyUseCases>().CreateAsync(auditor, "alice"),
            () => host.Use<CreateGroup>().RunAsync(auditor, new("g2")),
            () => host.Use<GroupMembership>().AddAsync(auditor, "alice", "ops"),
            () => host.Use<CreatePolicy>().RunAsync(auditor, new("p1", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")),
            () => host.Use<PolicyAttachments>().AttachAsync(auditor, "System", "AdministratorAccess", PrincipalKind.User, "auditor"),
            () => host.Use<RoleUseCases>().CreateAsync(auditor, new("r1", Trust(host.AccountId))),
        ];

        foreach (var write in writes) Assert.Equal("NoPermission", await CodeOf(write));

        await using var db = host.NewDb();
        var denied = await db.AuditEvents.Where(e => e.Result == AuditResult.Denied).ToListAsync();
        Assert.Equal(writes.Length, denied.Count);
        Assert.All(denied, e => Assert.Equal($"acs:ram::{host.AccountId}:user/auditor", e.PrincipalArn));
        Assert.Contains(denied, e => e.Action == "ram:AttachPolicyToUser" && e.ResourceArn == $"acs:ram:*:{host.AccountId}:user/auditor");
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "mallory"));
    }

    [Fact]
    public async Task A_grant_on_team_users_manages_team_a_but_not_ops()
    {
        await using var host = await WithUserAsync("lead");
        await host.Use<CreatePolicy>().RunAsync(host.Root, new("team-admin",
            $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:*","Resource":"acs:ram:*:{{host.AccountId}}:user/team-*"}]}"""));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "Custom", "team-admin", PrincipalKind.User, "lead");
        var lead = host.As("lead");

        await host.Use<CreateUser>().RunAsync(lead, new("team-a"));
        await host.Use<UpdateUser>().RunAsync(lead, new("team-a", NewComments: "managed by lead"));
        var denied = await Assert.ThrowsAsync<RamException>(() => host.Use<CreateUser>().RunAsync(lead, new("ops")));

        Assert.Equal(("NoPermission", 403), (denied.Code, denied.HttpStatus));
        Assert.Equal(("ram:CreateUser", "ImplicitDeny", "SubUser"), (denied.AccessDenied!.AuthAction, denied.AccessDenied.NoPermissionType, denied.AccessDenied.AuthPrincipalType));
    }

    [Fact]
    public async Task A_change_to_group_membership_changes_the_next_decision()
    {
        await using var host = await WithUserAsync("alice");
        await host.Use<CreateGroup>().RunAsync(host.Root, new("ram-admins"));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunRAMFullAccess", PrincipalKind.Group, "ram-admins");
        var alice = host.As("alice");
        var gate = host.Use<RamAuthorizer>();
        var resource = $"acs:ram:*:{host.AccountId}:user/bob";

        Assert.False((await gate.DecideAsync(alice, "ram:CreateUser", resource)).Allowed);
        await host.Use<GroupMembership>().AddAsync(host.Root, "alice", "ram-admins");
        Assert.True((await gate.DecideAsync(alice, "ram:CreateUser", resource)).Allowed);
        await host.Use<GroupMembership>().RemoveAsync(host.Root, "alice", "ram-admins");
        Assert.False((await gate.DecideAsync(alice, "ram:CreateUser", resource)).Allowed);
    }

    [Fact]
    public async Task A_new_default_policy_version_changes_the_next_decision_and_rollback_restores_it()
    {
        await using var host = await WithUserAsync("alice");
        await host.Use<CreatePolicy>().RunAsync(host.Root, new("p1", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:ListUsers","Resource":"*"}]}"""));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "Custom", "p1", PrincipalKind.User, "alice");
        var gate = host.Use<RamAuthorizer>();
        var alice = host.As("alice");
        var resource = $"acs:ram:*:{host.AccountId}:user/*";

        Assert.True((await gate.DecideAsync(alice, "ram:ListUsers", resource)).Allowed);
        await host.Use<PolicyVersions>().CreateAsync(host.Root, "p1", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:GetUser","Resource":"*"}]}""", setAsDefault: true);
        Assert.False((await gate.DecideAsync(alice, "ram:ListUsers", resource)).Allowed);
        await host.Use<PolicyVersions>().SetDefaultAsync(host.Root, "p1", "v1");
        Assert.True((await gate.DecideAsync(alice, "ram:ListUsers", resource)).Allowed);
    }

    [Fact]
    public async Task An_MFA_condition_allows_a_console_action_only_after_MFA()
    {
        await using var host = await WithUserAsync("alice");
        await host.Use<CreatePolicy>().RunAsync(host.Root, new("mfa-only",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:ListUsers","Resource":"*","Condition":{"Bool":{"acs:MFAPresent":"true"}}}]}"""));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "Custom", "mfa-only", PrincipalKind.User, "alice");
        var gate = host.Use<RamAuthorizer>();

        Assert.False((await gate.DecideAsync(host.As("alice", mfa: false), "ram:ListUsers", "*")).Allowed);
        Assert.True((await gate.DecideAsync(host.As("alice", mfa: true), "ram:ListUsers", "*")).Allowed);
    }
}
