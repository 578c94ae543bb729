using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Authorization;
using RamConsole.Core.Cluster;
using RamConsole.Core.Groups;
using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Sessions;
using RamConsole.Core.Settings;
using RamConsole.Core.Sts;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using RamConsole.Policy.Catalog;

namespace RamConsole.Core.Tests;

/// <summary>
/// Every kind of change committed on one node is in force on another within a second: two hosts on one PostgreSQL
/// database, the second listening (ChangeListener) — each check first warms the second node's cache, then changes on
/// the first, then watches the second node's own answer change.
/// </summary>
public sealed class PropagationTests : IAsyncLifetime
{
    private static readonly TimeSpan InForceWithin = TimeSpan.FromSeconds(1);
    private const string Allow = """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:GetUser","Resource":"*"}]}""";
    private const string Deny = """{"Version":"1","Statement":[{"Effect":"Deny","Action":"ram:GetUser","Resource":"*"}]}""";

    private CoreHost _a = null!;
    private CoreHost _b = null!;
    private readonly CancellationTokenSource _stop = new();
    private Task _listening = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _a = await CoreHost.StartAsync();
        _b = new CoreHost(_a.DatabaseSettings);
        _listening = _b.Services.GetRequiredService<ChangeListener>().RunAsync(_stop.Token);
        var health = _b.Services.GetRequiredService<TransportHealth>();
        var watch = Stopwatch.StartNew();
        while (health.SinceHeard is null && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await using (var db = _a.NewDb()) await db.Database.ExecuteSqlRawAsync("SELECT pg_notify('ram_changes', 'test:hb')");
            await Task.Delay(20);
        }
        Assert.NotNull(health.SinceHeard); // b listens
    }

    private async Task InForceOnBAsync(Func<Task<bool>> holdsOnB, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await holdsOnB())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{what}: not in force on b after 5 s");
            await Task.Delay(5);
        }
        Assert.True(watch.Elapsed < InForceWithin, $"{what}: in force on b only after {watch.Elapsed}");
    }

    private Task<bool> MayGetUserOnB(string userName) =>
        _b.Use<UseCaseServices>().MayAsync(_b.As(userName), RamActions.GetUser, _b.Use<UseCaseServices>().Resource("user", "x"), CancellationToken.None);

    [Fact]
    public async Task AccessKey_disable_and_delete()
    {
        await _a.Use<CreateUser>().RunAsync(_a.Root, new("bot"));
        var key = await _a.Use<AccessKeyUseCases>().CreateAsync(_a.Root, "bot");
        var onB = _b.Services.GetRequiredService<AccessKeyDirectory>();
        Assert.Equal(AccessKeyStatus.Active, (await onB.FindAsync(key.AccessKeyId))!.Status);

        await _a.Use<AccessKeyUseCases>().UpdateStatusAsync(_a.Root, "bot", key.AccessKeyId, AccessKeyStatus.Inactive);
        await InForceOnBAsync(async () => (await onB.FindAsync(key.AccessKeyId))!.Status == AccessKeyStatus.Inactive, "disable");

        await _a.Use<AccessKeyUseCases>().DeleteAsync(_a.Root, "bot", key.AccessKeyId);
        await InForceOnBAsync(async () => await onB.FindAsync(key.AccessKeyId) is null, "delete");
    }

    [Fact]
    public async Task Policy_versions_attachments_and_group_membership()
    {
        await _a.Use<CreateUser>().RunAsync(_a.Root, new("dev"));
        await _a.Use<CreatePolicy>().RunAsync(_a.Root, new("read", Allow));
        await _a.Use<PolicyAttachments>().AttachAsync(_a.Root, "Custom", "read", PrincipalKind.User, "dev");
        Assert.True(await MayGetUserOnB("dev"));

        await _a.Use<PolicyVersions>().CreateAsync(_a.Root, "read", Deny, setAsDefault: true);
        await InForceOnBAsync(async () => !await MayGetUserOnB("dev"), "a new default version");
        await _a.Use<PolicyVersions>().SetDefaultAsync(_a.Root, "read", "v1");
        await InForceOnBAsync(() => MayGetUserOnB("dev"), "the default version set back");

        await _a.Use<PolicyAttachments>().DetachAsync(_a.Root, "Custom", "read", PrincipalKind.User, "dev");
        await InForceOnBAsync(async () => !await MayGetUserOnB("dev"), "a detachment");

        await _a.Use<CreateGroup>().RunAsync(_a.Root, new("readers"));
        await _a.Use<PolicyAttachments>().AttachAsync(_a.Root, "Custom", "read", PrincipalKind.Group, "readers");
        await _a.Use<GroupMembership>().AddAsync(_a.Root, "dev", "readers");
        await InForceOnBAsync(() => MayGetUserOnB("dev"), "joining a group");
        await _a.Use<GroupMembership>().RemoveAsync(_a.Root, "dev", "readers");
        await InForceOnBAsync(async () => !await MayGetUserOnB("dev"), "leaving a group");
    }

    [Fact]
    public async Task Role_trust_deletion_and_STS_cut_offs()
    {
        await _a.Use<CreateUser>().RunAsync(_a.Root, new("ci"));
        await _a.Use<PolicyAttachments>().AttachAsync(_a.Root, "System", "AdministratorAccess", PrincipalKind.User, "ci");
        string Trust(string who) => System.Text.Json.JsonSerializer.Serialize(new
        {
            Version = "1",
            Statement = new[] { new { Effect = "Allow", Action = "sts:AssumeRole", Principal = new { RAM = new[] { $"acs:ram::{_a.AccountId}:{who}" } } } },
        });
        await _a.Use<RoleUseCases>().CreateAsync(_a.Root, new("deploy", Trust("root")));
        var arn = $"acs:ram::{_a.AccountId}:role/deploy";
        var ci = _b.As("ci", channel: CallChannel.Api);
        async Task<string> AssumeOnB()
        {
            try { await _b.Use<AssumeRole>().RunAsync(ci, new(arn, "session")); return "issued"; }
            catch (RamConsole.Core.Errors.RamException e) { return e.Code; }
        }
        Assert.Equal("issued", await AssumeOnB());

        var issued = await _b.Use<AssumeRole>().RunAsync(ci, new(arn, "kept"));
        var revocations = _b.Services.GetRequiredService<StsRevocations>();
        Assert.True(await revocations.IsHonouredAsync(issued.Session));
        await _a.Use<RevokeRoleSessions>().RunAsync(_a.Root, "deploy");
        await InForceOnBAsync(async () => !await revocations.IsHonouredAsync(issued.Session), "a role's sessions revoked");

        await _a.Use<RoleUseCases>().UpdateAsync(_a.Root, new("deploy", Trust("user/someone-else")));
        await InForceOnBAsync(async () => await AssumeOnB() == "NoPermission", "a narrowed trust policy");
        await _a.Use<RoleUseCases>().UpdateAsync(_a.Root, new("deploy", Trust("root")));
        await InForceOnBAsync(async () => await AssumeOnB() == "issued", "a widened trust policy");

        await _a.Use<RoleUseCases>().DeleteAsync(_a.Root, "deploy");
        await InForceOnBAsync(async () => await AssumeOnB() == "EntityNotExist.Role", "role deletion");
    }

    [Fact]
    public async Task Ended_console_sessions_and_security_settings()
    {
        var (user, session) = await _a.SignedInAsync("alice", "Vivid-Quartz-Harbor-2931");
        var sessions = _b.Services.GetRequiredService<ConsoleSessions>();
        Assert.True(await sessions.IsActiveAsync(session.Id, user.Id, activity: false));
        await _a.Use<UserSessions>().EndAsync(_a.Root, "alice", session.Id);
        await InForceOnBAsync(async () => !await sessions.IsActiveAsync(session.Id, user.Id, activity: false), "an ended console session");

        var settings = _b.Services.GetRequiredService<SecuritySettingsStore>();
        var before = (await settings.GetAsync()).MinimumPasswordLength;
        await _a.Use<SecuritySettingsAdmin>().SetPasswordPolicyAsync(_a.Root, new(MinimumPasswordLength: before + 4));
        await InForceOnBAsync(async () => (await settings.GetAsync()).MinimumPasswordLength == before + 4, "a password policy");
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _listening;
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }
}
