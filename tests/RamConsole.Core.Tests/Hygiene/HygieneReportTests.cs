using Microsoft.EntityFrameworkCore;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Groups;
using RamConsole.Core.Hygiene;
using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Settings;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Hygiene;

/// <summary>Each check against a real SQLite database: the bad state flags exactly its principals; a clean account flags nothing.</summary>
public sealed class HygieneReportTests
{
    private const string OwnTrust = """{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::ACCOUNT:root"}}]}""";

    /// <summary>A well-kept account: root with MFA, a person in a group with MFA, a program with a key in use, a narrow policy, a short role.</summary>
    private static async Task<CoreHost> CleanAccountAsync()
    {
        var host = await CoreHost.StartAsync();
        await host.BindTotpAsync("root");
        await host.Use<CreateUser>().RunAsync(host.Root, new("ops", ConsolePassword: "Ops-Passw0rd-2026"));
        await host.BindTotpAsync("ops");
        await host.Use<CreateGroup>().RunAsync(host.Root, new("operators"));
        await host.Use<GroupMembership>().AddAsync(host.Root, "ops", "operators");
        await host.Use<CreatePolicy>().RunAsync(host.Root, new("ReadOneUser",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:GetUser","Resource":"acs:ram:*:*:user/ops"}]}"""));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "Custom", "ReadOneUser", PrincipalKind.Group, "operators");
        await host.Use<RoleUseCases>().CreateAsync(host.Root, new("reader", OwnTrust.Replace("ACCOUNT", host.AccountId)));
        await host.Use<CreateUser>().RunAsync(host.Root, new("ci"));
        var key = await host.Use<AccessKeyUseCases>().CreateAsync(host.Root, "ci");
        await SetAsync(host, db => db.AccessKeys.Where(k => k.AccessKeyId == key.AccessKeyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, host.Time.GetUtcNow())));
        return host;
    }

    private static async Task SetAsync(CoreHost host, Func<RamConsole.Core.Persistence.RamDbContext, Task> change)
    {
        await using var db = host.NewDb();
        await change(db);
    }

    private static async Task<HygieneFinding> CheckAsync(CoreHost host, string id) =>
        (await host.Use<HygieneReport>().RunAsync(host.Root)).Single(f => f.Id == id);

    private static async Task AssertFlagged(CoreHost host, string id, params string[] names)
    {
        var finding = await CheckAsync(host, id);
        Assert.Equal(names.Length, finding.Count);
        Assert.Equal(names.Order(), finding.Principals.Select(p => p.Name).Order());
        Assert.False(string.IsNullOrWhiteSpace(finding.Advice));
    }

    [Fact]
    public async Task A_clean_account_passes_every_check()
    {
        await using var host = await CleanAccountAsync();

        var findings = await host.Use<HygieneReport>().RunAsync(host.Root);

        Assert.Equal(21, findings.Count);
        Assert.All(findings, f => Assert.True(f.Passed, $"{f.Id} flagged {string.Join(", ", f.Principals.Select(p => p.Name))}"));
    }

    [Fact]
    public async Task Root_signing_in_recently_and_root_keys_are_flagged()
    {
        await using var host = await CleanAccountAsync();
        await SetAsync(host, db => db.Users.Where(u => u.Kind == PrincipalKind.Root).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastLoginAt, host.Time.GetUtcNow().AddDays(-29))));
        await AssertFlagged(host, "root-signed-in", "root");
        host.Time.Advance(TimeSpan.FromDays(2));
        await AssertFlagged(host, "root-signed-in");

        await SetAsync(host, async db =>
        {
            var root = await db.Users.SingleAsync(u => u.Kind == PrincipalKind.Root);
            db.AccessKeys.Add(new AccessKey { AccessKeyId = "LTAIrootlegacykey0001", UserId = root.Id, ProtectedSecret = "x", CreatedAt = host.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        await AssertFlagged(host, "root-access-key", "root");
    }

    [Fact]
    public async Task Console_users_without_MFA_and_with_AccessKeys_are_flagged()
    {
        await using var host = await CleanAccountAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("nomfa", ConsolePassword: "Nomfa-Passw0rd-2026"));
        await host.Use<AccessKeyUseCases>().CreateAsync(host.Root, "ops");

        await AssertFlagged(host, "console-without-mfa", "nomfa");
        await AssertFlagged(host, "console-and-keys", "ops");
    }

    [Fact]
    public async Task Old_unused_and_never_used_AccessKeys_are_flagged_by_their_thresholds()
    {
        await using var host = await CleanAccountAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("idle"));
        await host.Use<AccessKeyUseCases>().CreateAsync(host.Root, "idle"); // never used
        await AssertFlagged(host, "never-used-access-keys"); // within the 7-day grace
        host.Time.Advance(TimeSpan.FromDays(8));
        await AssertFlagged(host, "never-used-access-keys", "idle");

        host.Time.Advance(TimeSpan.FromDays(83)); // 91 days after both keys were made; ci's was last used then
        await AssertFlagged(host, "old-access-keys", "ci", "idle");
        await AssertFlagged(host, "unused-access-keys", "ci");
    }

    [Fact]
    public async Task Users_without_sign_in_or_key_use_for_90_days_are_inactive()
    {
        await using var host = await CleanAccountAsync();
        host.Time.Advance(TimeSpan.FromDays(91));
        var recent = host.Time.GetUtcNow().AddDays(-1);
        await SetAsync(host, db => db.Users.Where(u => u.UserName == "ops").ExecuteUpdateAsync(s => s.SetProperty(u => u.LastLoginAt, recent)));

        await AssertFlagged(host, "inactive-users", "ci"); // its key was last used 91 days ago; ops signed in yesterday
    }

    [Fact]
    public async Task Policies_attached_straight_to_users_are_flagged()
    {
        await using var host = await CleanAccountAsync();
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunRAMReadOnlyAccess", PrincipalKind.User, "ci");

        await AssertFlagged(host, "policies-on-users", "ci");
    }

    [Theory]
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Allow","Action":"ram:*","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Allow","Action":["kvstore:Describe*","sts:AssumeRole"],"Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Allow","Action":"ram:*","Resource":"acs:ram:*:*:*"}""", true)]
    [InlineData("""{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"acs:ram:*:*:role/*"}""", true)]
    [InlineData("""{"Effect":"Allow","Action":"ram:*","Resource":"acs:ram:*:*:user/ops"}""", false)]
    [InlineData("""{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"acs:ram:*:*:role/reader"}""", false)]
    [InlineData("""{"Effect":"Deny","Action":"*","Resource":"*"}""", false)]
    [InlineData("""{"Effect":"Allow","Action":"kvstore:*","Resource":"*"}""", false)]
    public async Task Custom_policies_with_escalation_paths_are_flagged(string statement, bool flagged)
    {
        await using var host = await CleanAccountAsync();
        await host.Use<CreatePolicy>().RunAsync(host.Root, new("Candidate", $$"""{"Version":"1","Statement":[{{statement}}]}"""));

        if (flagged) await AssertFlagged(host, "escalation-policies", "Candidate");
        else await AssertFlagged(host, "escalation-policies");
    }

    [Fact]
    public async Task Roles_trusting_outsiders_recently_changed_or_with_long_sessions_are_flagged()
    {
        await using var host = await CleanAccountAsync();
        var roles = host.Use<RoleUseCases>();
        await roles.CreateAsync(host.Root, new("partner", OwnTrust.Replace("ACCOUNT", "9999999999999999")));
        await roles.CreateAsync(host.Root, new("anyone", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"*"}}]}"""));
        await roles.CreateAsync(host.Root, new("long", OwnTrust.Replace("ACCOUNT", host.AccountId), MaxSessionDuration: 5 * 3600));
        await AssertFlagged(host, "recent-trust-changes"); // creating a role is not a change
        host.Time.Advance(TimeSpan.FromDays(1));
        await roles.UpdateAsync(host.Root, new("reader", NewAssumeRolePolicyDocument: OwnTrust.Replace("ACCOUNT", host.AccountId).Replace(":root", ":user/ops")));

        await AssertFlagged(host, "roles-trusting-outsiders", "anyone", "partner");
        await AssertFlagged(host, "recent-trust-changes", "reader");
        await AssertFlagged(host, "long-session-roles", "long");
        host.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        await AssertFlagged(host, "recent-trust-changes");
    }

    [Fact]
    public async Task Empty_groups_and_a_weak_password_policy_are_flagged()
    {
        await using var host = await CleanAccountAsync();
        await host.Use<CreateGroup>().RunAsync(host.Root, new("nobody-here"));
        await host.SetPolicyAsync(new SecuritySettingsAdmin.PasswordPolicyChange(MinimumPasswordLength: 8, MaxLoginAttemps: 0));

        await AssertFlagged(host, "empty-groups", "nobody-here");
        var weak = await CheckAsync(host, "weak-password-policy");
        Assert.Equal(1, weak.Count);
        Assert.Contains("minimum length 8", weak.Principals.Single().Note);
        Assert.Contains("lockout off", weak.Principals.Single().Note);
    }

    [Fact]
    public async Task The_report_needs_ram_GetSecurityReport()
    {
        await using var host = await CleanAccountAsync();
        Assert.Equal("NoPermission", await CodeOf(() => host.Use<HygieneReport>().RunAsync(host.As("ops"))));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunRAMReadOnlyAccess", PrincipalKind.Group, "operators");
        Assert.Equal(21, (await host.Use<HygieneReport>().RunAsync(host.As("ops"))).Count);
    }
}
