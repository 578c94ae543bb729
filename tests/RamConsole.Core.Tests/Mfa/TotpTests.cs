using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.Mfa;
using RamConsole.Core.Tests.Support;

using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Mfa;

public sealed class TotpTests
{
    private const string Password = "Alice-Passw0rd-123-Zt9q";

    [Fact]
    public async Task Binding_needs_two_consecutive_codes_and_issues_ten_recovery_codes_once()
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", Password);
        var mfa = host.Use<TotpDevices>();
        var setup = await mfa.BeginTotpAsync(host.As("alice"), "alice");
        var secret = TotpCodes.FromBase32(setup.SecretBase32)!;
        var now = TotpCodes.StepAt(host.Time.GetUtcNow());

        Assert.Equal("InvalidParameter.AuthenticationCode", await CodeOf(() =>
            mfa.BindTotpAsync(host.As("alice"), "alice", setup.ProtectedSecret, TotpCodes.CodeAt(secret, now), TotpCodes.CodeAt(secret, now))));
        Assert.Equal("InvalidParameter.AuthenticationCode", await CodeOf(() =>
            mfa.BindTotpAsync(host.As("alice"), "alice", setup.ProtectedSecret, TotpCodes.CodeAt(secret, now - 1), TotpCodes.CodeAt(secret, now + 1))));
        Assert.Equal("InvalidParameter.AuthenticationCode1", await CodeOf(() =>
            mfa.BindTotpAsync(host.As("alice"), "alice", setup.ProtectedSecret, "12ab56", TotpCodes.CodeAt(secret, now))));

        var bound = await mfa.BindTotpAsync(host.As("alice"), "alice", setup.ProtectedSecret, TotpCodes.CodeAt(secret, now), TotpCodes.CodeAt(secret, now + 1));

        Assert.Equal(10, bound.RecoveryCodes!.Count);
        Assert.Equal(10, bound.RecoveryCodes.Distinct().Count());
        await using var db = host.NewDb();
        Assert.DoesNotContain(await db.RecoveryCodes.Select(c => c.Hash).ToListAsync(), h => bound.RecoveryCodes.Contains(h)); // stored hashed
        Assert.DoesNotContain(setup.SecretBase32, (await db.TotpDevices.SingleAsync()).ProtectedSecret);                       // stored encrypted
        Assert.Equal("EntityAlreadyExists.User.MFADevice", await CodeOf(() => mfa.BeginTotpAsync(host.As("alice"), "alice")));
    }

    [Fact]
    public async Task A_tampered_or_expired_enrolment_is_refused()
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", Password);
        await host.AddConsoleUserAsync("bob", Password);
        var mfa = host.Use<TotpDevices>();
        var setup = await mfa.BeginTotpAsync(host.As("alice"), "alice");
        var secret = TotpCodes.FromBase32(setup.SecretBase32)!;

        // Alice's setup cannot bind Bob's account, even by root.
        Assert.Equal("InvalidParameter.MFADevice.SetupExpired", await CodeOf(() =>
            mfa.BindTotpAsync(host.Root, "bob", setup.ProtectedSecret, host.CodeNow(secret, -1), host.CodeNow(secret))));
        host.Time.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal("InvalidParameter.MFADevice.SetupExpired", await CodeOf(() =>
            mfa.BindTotpAsync(host.As("alice"), "alice", setup.ProtectedSecret, host.CodeNow(secret, -1), host.CodeNow(secret))));
    }

    [Fact]
    public async Task A_code_is_accepted_once_within_one_step_of_drift()
    {
        await using var host = await CoreHost.StartAsync();
        var alice = await host.AddConsoleUserAsync("alice", Password);
        var (secret, _) = await host.BindTotpAsync("alice");
        var factor = host.Use<SecondFactor>();
        host.Time.Advance(TimeSpan.FromSeconds(60)); // past the steps spent by binding

        var code = host.CodeNow(secret);
        Assert.Equal(SecondFactor.Otp, await factor.VerifyCodeAsync(alice.Id, code, "10.0.0.1"));
        Assert.Null(await factor.VerifyCodeAsync(alice.Id, code, "10.0.0.1"));                    // replay
        Assert.Equal(SecondFactor.Otp, await factor.VerifyCodeAsync(alice.Id, host.CodeNow(secret, +1), "10.0.0.1")); // clock ahead by a step
        Assert.Null(await factor.VerifyCodeAsync(alice.Id, host.CodeNow(secret, -1), "10.0.0.1"));                   // older than the last used
        host.Time.Advance(TimeSpan.FromSeconds(120));
        Assert.Null(await factor.VerifyCodeAsync(alice.Id, host.CodeNow(secret, +2), "10.0.0.1"));                   // beyond the window
        Assert.Equal(SecondFactor.Otp, await factor.VerifyCodeAsync(alice.Id, host.CodeNow(secret, -1), "10.0.0.1")); // one step behind
    }

    [Fact]
    public async Task A_code_sent_twice_at_once_is_accepted_once()
    {
        await using var host = await CoreHost.StartAsync();
        var alice = await host.AddConsoleUserAsync("alice", Password);
        var (secret, _) = await host.BindTotpAsync("alice");
        host.Time.Advance(TimeSpan.FromSeconds(60));
        var code = host.CodeNow(secret);
        var factory = new InterleavingDbFactory(host);
        using var scope = host.Services.CreateScope();
        var first = ActivatorUtilities.CreateInstance<SecondFactor>(scope.ServiceProvider, ActivatorUtilities.CreateInstance<UseCaseServices>(scope.ServiceProvider, factory));

        // While the first check has read the device's last spent code, the same code arrives again.
        Task<string?> second = null!;
        factory.Arm(async () =>
        {
            second = Task.Run(() => host.Use<SecondFactor>().VerifyCodeAsync(alice.Id, code, "10.0.0.2"));
            await Task.WhenAny(second, Task.Delay(1000)); // without the user's sign-in lock it would finish here
        }, when: sql => sql.Contains("TotpDevices"));

        Assert.Equal(SecondFactor.Otp, await first.VerifyCodeAsync(alice.Id, code, "10.0.0.1"));
        Assert.Null(await second);
    }

    [Fact]
    public async Task A_recovery_code_works_once_and_regenerating_voids_the_old_ones()
    {
        await using var host = await CoreHost.StartAsync();
        var alice = await host.AddConsoleUserAsync("alice", Password);
        var (_, bound) = await host.BindTotpAsync("alice");
        var factor = host.Use<SecondFactor>();
        var code = bound.RecoveryCodes![3];

        Assert.Equal(SecondFactor.Recovery, await factor.VerifyCodeAsync(alice.Id, code.ToUpperInvariant(), "10.0.0.1"));
        Assert.Null(await factor.VerifyCodeAsync(alice.Id, code, "10.0.0.1"));
        Assert.Equal(9, (await factor.StatusAsync(alice.Id))!.RecoveryCodesLeft);

        var fresh = await host.Use<RecoveryCodeRenewal>().RegenerateAsync(host.As("alice"), "alice");
        Assert.Null(await factor.VerifyCodeAsync(alice.Id, bound.RecoveryCodes[4], "10.0.0.1"));
        Assert.Equal(SecondFactor.Recovery, await factor.VerifyCodeAsync(alice.Id, fresh[0], "10.0.0.1"));
    }

    [Fact]
    public async Task Wrong_codes_count_toward_the_lockout()
    {
        await using var host = await CoreHost.StartAsync();
        var alice = await host.AddConsoleUserAsync("alice", Password);
        var (secret, _) = await host.BindTotpAsync("alice");
        var factor = host.Use<SecondFactor>();
        host.Time.Advance(TimeSpan.FromSeconds(60));

        for (var i = 0; i < 5; i++) Assert.Null(await factor.VerifyCodeAsync(alice.Id, "000000", "10.0.0.1"));

        Assert.Null(await factor.VerifyCodeAsync(alice.Id, host.CodeNow(secret), "10.0.0.1")); // right code, but locked
        await using var db = host.NewDb();
        Assert.Contains("LockedOut", await db.AuditEvents.Select(e => e.ErrorCode).ToListAsync());
    }

    [Fact]
    public async Task Managing_own_devices_follows_the_toggle_but_a_required_first_factor_is_always_allowed()
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", Password);
        await host.SetPreferenceAsync(new(AllowUserToManageMFADevices: false));

        await host.BindTotpAsync("alice"); // MFA is required and Alice had none
        Assert.Equal("NoPermission", await CodeOf(() => host.Use<TotpDevices>().RemoveTotpAsync(host.As("alice"), "alice")));
        Assert.Equal("NoPermission", await CodeOf(() => host.Use<MfaDevices>().GetStatusAsync(host.As("bob-is-not-alice"), "alice")));
    }
}
