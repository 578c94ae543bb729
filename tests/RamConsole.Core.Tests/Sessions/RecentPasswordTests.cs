using RamConsole.Policy.Catalog;
using RamConsole.Core.Audit;
using RamConsole.Core.Errors;
using RamConsole.Core.Mfa;
using RamConsole.Core.Sessions;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Sessions;

/// <summary>Changing one's own factors needs the password entered in the last 15 minutes; guesses count toward lockout.</summary>
public sealed class RecentPasswordTests
{
    private const string Password = "Alice-Passw0rd-123-Zt9q";

    private static async Task<Core.Authorization.Caller> SignedInAsync(CoreHost host)
    {
        var (_, session) = await host.SignedInAsync("alice", Password);
        return host.As("alice", mfa: true) with { SessionId = session.Id };
    }

    private static async Task<FactorBound> BindTotpAsync(CoreHost host, Core.Authorization.Caller caller)
    {
        var setup = await host.Use<TotpDevices>().BeginTotpAsync(caller, "alice");
        var secret = TotpCodes.FromBase32(setup.SecretBase32)!;
        var step = TotpCodes.StepAt(host.Time.GetUtcNow());
        return await host.Use<TotpDevices>().BindTotpAsync(caller, "alice", setup.ProtectedSecret, TotpCodes.CodeAt(secret, step - 1), TotpCodes.CodeAt(secret, step));
    }

    private static int FailedCount(CoreHost host)
    {
        using var db = host.NewDb();
        return db.Users.Single(u => u.UserName == "alice").AccessFailedCount;
    }

    [Fact]
    public async Task Right_after_sign_in_factors_change_without_asking_again()
    {
        await using var host = await CoreHost.StartAsync();
        var alice = await SignedInAsync(host);
        host.Time.Advance(TimeSpan.FromMinutes(14));

        Assert.False(await host.Use<RecentPassword>().IsNeededAsync(alice, "alice"));
        await BindTotpAsync(host, alice);
    }

    [Fact]
    public async Task After_15_minutes_the_password_must_be_confirmed_and_a_wrong_one_counts_as_a_failed_sign_in()
    {
        await using var host = await CoreHost.StartAsync();
        var alice = await SignedInAsync(host);
        host.Time.Advance(TimeSpan.FromMinutes(15));

        Assert.True(await host.Use<RecentPassword>().IsNeededAsync(alice, "ALICE"));
        Assert.Equal("ReauthenticationRequired", await CodeOf(() => BindTotpAsync(host, alice)));
        var wrong = await Assert.ThrowsAsync<RamException>(() => host.Use<RecentPassword>().ConfirmAsync(alice, "not-it"));
        Assert.Equal(("InvalidParameter.Password", "Password"), (wrong.Code, wrong.Field));
        Assert.Equal(1, FailedCount(host));
        Assert.Equal("ReauthenticationRequired", await CodeOf(() => BindTotpAsync(host, alice)));

        await host.Use<RecentPassword>().ConfirmAsync(alice, Password);

        Assert.Equal(0, FailedCount(host)); // a right password resets the count, as a sign-in does
        await BindTotpAsync(host, alice);
        await using var db = host.NewDb();
        var confirmations = db.AuditEvents.Where(e => e.Action == SystemEvents.ConfirmPassword).Select(e => e.Result).ToList();
        Assert.Equal([AuditResult.Success, AuditResult.Denied], confirmations.Order()); // one wrong, one right
    }

    [Fact]
    public async Task Administrators_changing_another_users_factors_and_sessionless_callers_are_not_asked()
    {
        await using var host = await CoreHost.StartAsync();
        await SignedInAsync(host);
        var rootSession = host.Root with { SessionId = "root-session-that-is-long-past" };
        host.Time.Advance(TimeSpan.FromHours(2));

        Assert.False(await host.Use<RecentPassword>().IsNeededAsync(rootSession, "alice"));
        Assert.False(await host.Use<RecentPassword>().IsNeededAsync(host.As("alice", channel: Core.Authorization.CallChannel.Api), "alice"));
        await BindTotpAsync(host, rootSession);
    }

    [Fact]
    public async Task Guessing_the_current_password_locks_the_user_like_guessing_at_sign_in()
    {
        await using var host = await CoreHost.StartAsync();
        var alice = await SignedInAsync(host);

        // Changing the password is a guess too (MaxLoginAttemps is 5 by default): four wrong here, one wrong confirmation...
        for (var i = 0; i < 4; i++)
            Assert.Equal("InvalidParameter.OldPassword", await CodeOf(() => host.Use<ChangeOwnPassword>().RunAsync(alice, "guess" + i, "New-Passw0rd-456-Zt9q", "New-Passw0rd-456-Zt9q")));
        Assert.Equal(4, FailedCount(host));
        var fifth = await Assert.ThrowsAsync<RamException>(() => host.Use<RecentPassword>().ConfirmAsync(alice, "guess-4"));
        Assert.Contains("try again in an hour", fifth.Message);

        // ...and now even the right password is refused until the lock ends.
        Assert.Equal("AccountLocked", await CodeOf(() => host.Use<RecentPassword>().ConfirmAsync(alice, Password)));
        Assert.Equal("AccountLocked", await CodeOf(() => host.Use<ChangeOwnPassword>().RunAsync(alice, Password, "New-Passw0rd-456-Zt9q", "New-Passw0rd-456-Zt9q")));
        host.Time.Advance(TimeSpan.FromMinutes(61));
        await host.Use<RecentPassword>().ConfirmAsync(alice, Password);
        await using var db = host.NewDb();
        Assert.Equal(5, db.AuditEvents.Count(e => e.Result == AuditResult.Denied && (e.ErrorCode == "InvalidParameter.OldPassword" || e.ErrorCode == "InvalidParameter.Password" || e.ErrorCode == "LockedOut")));
    }
}
