using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Settings;
using RamConsole.Core.SignIn;
using RamConsole.Core.Tests.Support;

using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.SignIn;

/// <summary>The security settings at the password step: network masks, lockout size, password expiry.</summary>
public sealed class SignInRulesTests
{
    private const string Password = "Alice-Passw0rd-123-Zt9q";

    private static Task<SignInOutcome> SignInAsync(CoreHost host, string userName, string password, string ip) =>
        host.InScopeAsync<PasswordSignIn, SignInOutcome>(s => s.CheckAsync(new SignInAttempt(userName, password, ip)));

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("10.255.0.1", true)]
    [InlineData("11.0.0.1", false)]
    [InlineData("::ffff:10.1.2.3", true)]      // IPv4 seen through a dual-stack socket
    [InlineData("2001:db8:1::5", true)]
    [InlineData("2001:db8:2::5", false)]
    [InlineData("192.168.7.7", true)]           // a single address as a mask
    [InlineData("192.168.7.8", false)]
    public async Task Login_network_masks_allow_only_their_blocks_for_ipv4_and_ipv6(string ip, bool allowed)
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", Password);
        await host.SetPreferenceAsync(new(LoginNetworkMasks: "10.0.0.0/8; 2001:db8:1::/48\n192.168.7.7"));

        var outcome = await SignInAsync(host, "alice", Password, ip);

        Assert.Equal(allowed, outcome.Succeeded);
        if (!allowed) Assert.Equal(SignInOutcome.NetworkError, outcome.Error);
    }

    [Fact]
    public async Task Masks_refuse_unknown_names_the_same_way_and_never_apply_to_root()
    {
        await using var host = await CoreHost.StartAsync();
        await host.SetPreferenceAsync(new(LoginNetworkMasks: "10.0.0.0/8"));

        Assert.Equal(SignInOutcome.NetworkError, (await SignInAsync(host, "nobody", "x", "11.0.0.1")).Error);
        Assert.True((await SignInAsync(host, "root", CoreHost.RootPassword, "11.0.0.1")).Succeeded);
        await using var db = host.NewDb();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.ErrorCode == "LoginNetworkMaskMismatch"));
    }

    [Fact]
    public async Task Max_login_attempts_sets_the_lockout_size_and_zero_turns_it_off()
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", Password);
        await host.SetPolicyAsync(new(MaxLoginAttemps: 2));
        for (var i = 0; i < 2; i++) await SignInAsync(host, "alice", "wrong", "10.0.0.1");
        Assert.False((await SignInAsync(host, "alice", Password, "10.0.0.1")).Succeeded);

        await host.AddConsoleUserAsync("bob", Password);
        await host.SetPolicyAsync(new(MaxLoginAttemps: 0));
        for (var i = 0; i < 40; i++) await SignInAsync(host, "bob", "wrong", "10.0.0.1");
        Assert.True((await SignInAsync(host, "bob", Password, "10.0.0.1")).Succeeded);
    }

    [Fact]
    public async Task An_administrator_unlocks_a_locked_user_before_the_hour_is_up()
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", Password);
        for (var i = 0; i < 5; i++) await SignInAsync(host, "alice", "wrong", "10.0.0.1");
        host.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.False((await SignInAsync(host, "alice", Password, "10.0.0.1")).Succeeded);

        await host.Use<RamConsole.Core.Users.LoginProfiles>().UnlockAsync(host.Root, "alice");

        Assert.True((await SignInAsync(host, "alice", Password, "10.0.0.1")).Succeeded);
        Assert.Equal("NoPermission", await CodeOf(() => host.Use<RamConsole.Core.Users.LoginProfiles>().UnlockAsync(host.As("alice"), "alice")));
    }

    [Fact]
    public async Task An_expired_password_must_be_changed_and_with_hard_expiry_blocks_sign_in()
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", Password);
        await host.SetPolicyAsync(new(MaxPasswordAge: 30));
        host.Time.Advance(TimeSpan.FromDays(29));
        Assert.False((await SignInAsync(host, "alice", Password, "10.0.0.1")).PasswordExpired);

        host.Time.Advance(TimeSpan.FromDays(2));
        var soft = await SignInAsync(host, "alice", Password, "10.0.0.1");
        Assert.True(soft.Succeeded && soft.PasswordExpired);

        await host.SetPolicyAsync(new(HardExpiry: true));
        var hard = await SignInAsync(host, "alice", Password, "10.0.0.1");
        Assert.False(hard.Succeeded);
        Assert.Equal(SignInOutcome.HardExpiredError, hard.Error);
    }
}
