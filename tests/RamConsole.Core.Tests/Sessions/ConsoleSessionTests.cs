using RamConsole.Core.Mfa;
using RamConsole.Core.Sessions;
using RamConsole.Core.SignIn;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;

using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Sessions;

/// <summary>Every way a session ends is seen by the very next check (no revalidation delay).</summary>
public sealed class ConsoleSessionTests
{
    private const string Password = "Alice-Passw0rd-123-Zt9q";

    private static Task<(RamUser User, ConsoleSession Session)> SignedInAsync(CoreHost host, string userName = "alice") =>
        host.SignedInAsync(userName, Password);

    private static Task<bool> LiveAsync(CoreHost host, RamUser user, ConsoleSession session) =>
        host.Use<ConsoleSessions>().IsActiveAsync(session.Id, user.Id);

    [Fact]
    public async Task An_administrator_ending_a_users_sessions_invalidates_them_on_the_next_check()
    {
        await using var host = await CoreHost.StartAsync();
        var (alice, session) = await SignedInAsync(host);
        var second = await host.Use<ConsoleSignInCompletion>().CompleteAsync(alice.Id, ["pwd"], "10.0.0.2", null);
        Assert.True(await LiveAsync(host, alice, session)); // cached as live

        Assert.Equal(2, (await host.Use<UserSessions>().ListAsync(host.Root, "alice")).Count);
        Assert.Equal(2, await host.Use<UserSessions>().EndAsync(host.Root, "alice", null));

        Assert.False(await LiveAsync(host, alice, session));
        Assert.False(await LiveAsync(host, alice, second));
        Assert.Empty(await host.Use<UserSessions>().ListAsync(host.As("alice"), "alice"));
    }

    [Fact]
    public async Task Ending_all_of_a_users_sessions_changes_the_security_stamp_that_sign_ins_in_progress_carry()
    {
        await using var host = await CoreHost.StartAsync();
        var (alice, _) = await SignedInAsync(host);
        var second = await host.Use<ConsoleSignInCompletion>().CompleteAsync(alice.Id, ["pwd"], "10.0.0.2", null);
        async Task<string?> StampAsync() { await using var db = host.NewDb(); return (await db.Users.FindAsync(alice.Id))!.SecurityStamp; }
        var before = await StampAsync();

        await host.Use<UserSessions>().EndAsync(host.Root, "alice", second.Id); // one session: sign-ins in progress stand
        Assert.Equal(before, await StampAsync());
        await host.Use<UserSessions>().EndAsync(host.Root, "alice", null);
        Assert.NotEqual(before, await StampAsync());
    }

    [Fact]
    public async Task Users_see_and_end_only_their_own_sessions_unless_allowed()
    {
        await using var host = await CoreHost.StartAsync();
        var (_, session) = await SignedInAsync(host);
        await SignedInAsync(host, "bob");

        Assert.Single(await host.Use<UserSessions>().ListAsync(host.As("alice"), "alice"));
        Assert.Equal("NoPermission", await CodeOf(() => host.Use<UserSessions>().ListAsync(host.As("bob"), "alice")));
        Assert.Equal("NoPermission", await CodeOf(() => host.Use<UserSessions>().EndAsync(host.As("bob"), "alice", session.Id)));
        Assert.Equal(1, await host.Use<UserSessions>().EndAsync(host.As("alice"), "alice", session.Id));
    }

    [Fact]
    public async Task A_password_change_by_an_administrator_or_a_forced_reset_ends_sessions()
    {
        await using var host = await CoreHost.StartAsync();
        var (alice, session) = await SignedInAsync(host);
        await host.Use<LoginProfiles>().UpdateAsync(host.Root, new LoginProfiles.Request("alice", null, PasswordResetRequired: true));
        Assert.False(await LiveAsync(host, alice, session));

        var again = await host.Use<ConsoleSignInCompletion>().CompleteAsync(alice.Id, ["pwd"], null, null);
        await host.Use<LoginProfiles>().UpdateAsync(host.Root, new LoginProfiles.Request("alice", "Another-Passw0rd-1-Zt9q"));
        Assert.False(await LiveAsync(host, alice, again));
    }

    [Fact]
    public async Task Changing_your_own_password_ends_your_other_sessions_but_not_this_one()
    {
        await using var host = await CoreHost.StartAsync();
        var (alice, current) = await SignedInAsync(host);
        var other = await host.Use<ConsoleSignInCompletion>().CompleteAsync(alice.Id, ["pwd"], null, null);

        await host.Use<ChangeOwnPassword>().RunAsync(host.As("alice") with { SessionId = current.Id }, Password, "Brand-New-Passw0rd-Zt9q", "Brand-New-Passw0rd-Zt9q");

        Assert.True(await LiveAsync(host, alice, current));
        Assert.False(await LiveAsync(host, alice, other));
    }

    [Fact]
    public async Task Disabling_console_access_removing_factors_or_deleting_the_user_ends_sessions()
    {
        await using var host = await CoreHost.StartAsync();
        var (alice, session) = await SignedInAsync(host);
        await host.BindTotpAsync("alice");
        await host.Use<MfaDevices>().RemoveAllAsync(host.Root, "alice");
        Assert.False(await LiveAsync(host, alice, session));
        Assert.False((await host.Use<MfaDevices>().GetStatusAsync(host.Root, "alice")).HasFactor);

        var again = await host.Use<ConsoleSignInCompletion>().CompleteAsync(alice.Id, ["pwd"], null, null);
        await host.Use<LoginProfiles>().DeleteAsync(host.Root, "alice");
        Assert.False(await LiveAsync(host, alice, again));

        var (bob, bobs) = await SignedInAsync(host, "bob");
        await host.Use<DeleteUser>().RunAsync(host.Root, new DeleteUser.Request("bob", RemoveEverything: true));
        Assert.False(await LiveAsync(host, bob, bobs));
    }

    [Fact]
    public async Task A_session_ends_after_the_login_session_duration_and_is_bound_to_its_user()
    {
        await using var host = await CoreHost.StartAsync();
        await host.SetPreferenceAsync(new(LoginSessionDuration: 1, LoginIdleTimeout: 120)); // the lifetime, not idleness, ends it
        var (alice, session) = await SignedInAsync(host);
        var bob = await host.AddConsoleUserAsync("bob", Password);

        Assert.False(await host.Use<ConsoleSessions>().IsActiveAsync(session.Id, bob.Id)); // a stolen id with another user's cookie
        host.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.True(await LiveAsync(host, alice, session));
        host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(await LiveAsync(host, alice, session));
    }
}
