using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Sessions;
using RamConsole.Core.Settings;
using RamConsole.Core.Tests.Support;


namespace RamConsole.Core.Tests.Sessions;

/// <summary>The idle timeout (ASVS 5.0 7.3.1): activity keeps a session, re-checks do not, and it ends recorded.</summary>
public sealed class IdleTimeoutTests
{
    private const string Password = "Alice-Passw0rd-2026";

    [Fact]
    public async Task A_session_untouched_for_the_default_30_minutes_ends_though_its_lifetime_has_hours_left()
    {
        await using var host = await CoreHost.StartAsync();
        Assert.Equal(30, host.Use<SecuritySettingsStore>().Current.LoginIdleTimeout);
        var (alice, session) = await host.SignedInAsync("alice", Password);
        var sessions = host.Use<ConsoleSessions>();

        host.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.True(await sessions.IsActiveAsync(session.Id, alice.Id, activity: false)); // an open tab's re-check
        host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(await sessions.IsActiveAsync(session.Id, alice.Id, activity: false));
        Assert.False(await sessions.IsActiveAsync(session.Id, alice.Id, activity: true)); // ended: activity cannot revive it

        await using var db = host.NewDb();
        var row = await db.ConsoleSessions.SingleAsync(s => s.Id == session.Id);
        Assert.Equal(ConsoleSessions.IdleReason, row.EndReason);
        Assert.Equal(host.Time.GetUtcNow(), row.EndedAt);
    }

    [Fact]
    public async Task Activity_restarts_the_idle_clock_and_the_absolute_lifetime_still_ends_it()
    {
        await using var host = await CoreHost.StartAsync();
        var (alice, session) = await host.SignedInAsync("alice", Password);
        var sessions = host.Use<ConsoleSessions>();

        // Active every 20 minutes for the whole 6-hour session: never idle…
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(6) - TimeSpan.FromMinutes(20); elapsed += TimeSpan.FromMinutes(20))
        {
            host.Time.Advance(TimeSpan.FromMinutes(20));
            Assert.True(await sessions.IsActiveAsync(session.Id, alice.Id, activity: true), $"at {elapsed}");
        }
        // …but the absolute lifetime (LoginSessionDuration, 6 h) still ends it.
        host.Time.Advance(TimeSpan.FromMinutes(20));
        Assert.False(await sessions.IsActiveAsync(session.Id, alice.Id, activity: true));
    }

    [Fact]
    public async Task Re_checks_alone_do_not_count_as_activity()
    {
        await using var host = await CoreHost.StartAsync();
        var (alice, session) = await host.SignedInAsync("alice", Password);
        var sessions = host.Use<ConsoleSessions>();

        for (var i = 0; i < 29; i++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(1));
            Assert.True(await sessions.IsActiveAsync(session.Id, alice.Id, activity: false));
        }
        host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(await sessions.IsActiveAsync(session.Id, alice.Id, activity: false));
    }

    [Fact]
    public async Task The_timeout_is_a_security_setting_in_force_at_the_next_check_and_range_checked()
    {
        await using var host = await CoreHost.StartAsync();
        var (alice, session) = await host.SignedInAsync("alice", Password);
        var sessions = host.Use<ConsoleSessions>();

        await host.SetPreferenceAsync(new(LoginIdleTimeout: 10));
        Assert.Equal(10, (await host.Use<SecuritySettingsAdmin>().GetPreferenceAsync(host.Root)).LoginIdleTimeout);
        host.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.False(await sessions.IsActiveAsync(session.Id, alice.Id, activity: false));

        foreach (var minutes in new[] { 0, 4, 1441 })
        {
            var error = await Assert.ThrowsAsync<RamConsole.Core.Errors.RamException>(() => host.SetPreferenceAsync(new(LoginIdleTimeout: minutes)));
            Assert.Equal("LoginIdleTimeout", error.Field);
        }
        Assert.Equal(10, host.Use<SecuritySettingsStore>().Current.LoginIdleTimeout); // nothing half-written
    }

    [Fact]
    public async Task A_session_read_back_from_the_database_keeps_its_last_activity()
    {
        await using var host = await CoreHost.StartAsync();
        var (alice, session) = await host.SignedInAsync("alice", Password);
        var sessions = host.Use<ConsoleSessions>();
        host.Time.Advance(TimeSpan.FromMinutes(20));
        Assert.True(await sessions.IsActiveAsync(session.Id, alice.Id, activity: true)); // written: last seen now

        sessions.Forget(); // as after a restart or on another node
        host.Time.Advance(TimeSpan.FromMinutes(25));
        Assert.True(await sessions.IsActiveAsync(session.Id, alice.Id, activity: false)); // 25 min idle, not 45
        host.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.False(await sessions.IsActiveAsync(session.Id, alice.Id, activity: false));
    }
}
