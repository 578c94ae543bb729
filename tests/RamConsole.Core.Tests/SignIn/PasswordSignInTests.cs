using RamConsole.Policy.Catalog;
using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Audit;
using RamConsole.Core.SignIn;
using RamConsole.Core.Tests.Support;

namespace RamConsole.Core.Tests.SignIn;

public sealed class PasswordSignInTests
{
    private const string AlicePassword = "Alice-Passw0rd-123-Zt9q";

    private static Task<SignInOutcome> SignInAsync(CoreHost host, string userName, string password) =>
        host.InScopeAsync<PasswordSignIn, SignInOutcome>(s => s.CheckAsync(new SignInAttempt(userName, password, "203.0.113.7")));

    [Fact]
    public async Task The_right_password_passes_and_completing_sign_in_records_the_time_session_and_factors()
    {
        await using var host = await CoreHost.StartAsync();

        var outcome = await SignInAsync(host, "root", CoreHost.RootPassword);
        Assert.True(outcome.Succeeded);
        var session = await host.InScopeAsync<ConsoleSignInCompletion, Core.Sessions.ConsoleSession>(c =>
            c.CompleteAsync(outcome.User!.Id, ["pwd", "otp"], "203.0.113.7", "test-agent"));

        await using var db = host.NewDb();
        Assert.Equal(host.Time.GetUtcNow(), (await db.Users.SingleAsync(u => u.Id == outcome.User!.Id)).LastLoginAt);
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromHours(6), session.ExpiresAt); // LoginSessionDuration default
        var e = await db.AuditEvents.SingleAsync(a => a.Action == SystemEvents.ConsoleSignIn);
        Assert.Equal(AuditResult.Success, e.Result);
        Assert.Equal("203.0.113.7", e.SourceIp);
        Assert.Contains("otp", e.Detail);
    }

    [Fact]
    public async Task Unknown_user_and_wrong_password_fail_the_same_way()
    {
        await using var host = await CoreHost.StartAsync();

        var unknown = await SignInAsync(host, "nobody", "whatever");
        var wrong = await SignInAsync(host, "root", "wrong");

        Assert.False(unknown.Succeeded);
        Assert.False(wrong.Succeeded);
        Assert.Same(SignInOutcome.Failed, unknown);
        Assert.Same(SignInOutcome.Failed, wrong);
    }

    [Fact]
    public async Task Wrong_passwords_sent_in_parallel_each_count_toward_the_lockout()
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", AlicePassword);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => SignInAsync(host, "alice", $"guess-{i}"))));

        Assert.False((await SignInAsync(host, "alice", AlicePassword)).Succeeded);
        await using var db = host.NewDb();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.ErrorCode == "LockedOut"));      // the 5th guess locked her
        Assert.Equal(8, await db.AuditEvents.CountAsync(e => e.ErrorCode == "AccountLocked"));  // the other 7, and the right password
    }

    [Fact]
    public async Task Five_failures_lock_the_user_and_the_right_password_then_gets_the_same_error()
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", AlicePassword);

        for (var i = 0; i < 5; i++) Assert.False((await SignInAsync(host, "alice", "wrong-" + i)).Succeeded);
        var withRightPassword = await SignInAsync(host, "alice", AlicePassword);

        Assert.Same(SignInOutcome.Failed, withRightPassword);
        await using var db = host.NewDb();
        var codes = await db.AuditEvents.Where(e => e.Action == SystemEvents.ConsoleSignIn).OrderBy(e => e.Id).Select(e => e.ErrorCode).ToListAsync();
        Assert.Equal(["InvalidCredentials", "InvalidCredentials", "InvalidCredentials", "InvalidCredentials", "LockedOut", "AccountLocked"], codes);
    }

    [Fact]
    public async Task The_lock_ends_after_one_hour_on_the_clock()
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", AlicePassword);
        for (var i = 0; i < 5; i++) await SignInAsync(host, "alice", "wrong");

        host.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.False((await SignInAsync(host, "alice", AlicePassword)).Succeeded);
        host.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.True((await SignInAsync(host, "alice", AlicePassword)).Succeeded);
    }

    [Fact]
    public async Task Case_variants_of_a_user_name_count_as_one_user()
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", AlicePassword);

        foreach (var name in new[] { "alice", "ALICE", "Alice", "aLiCe", " alice " }) await SignInAsync(host, name, "wrong");

        Assert.False((await SignInAsync(host, "alice", AlicePassword)).Succeeded); // locked by the five variants together
        Assert.True((await SignInAsync(host, "Alice", "wrong")) is { Succeeded: false });
    }

    [Fact]
    public async Task A_success_resets_the_failure_count()
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", AlicePassword);

        for (var i = 0; i < 4; i++) await SignInAsync(host, "alice", "wrong");
        Assert.True((await SignInAsync(host, "alice", AlicePassword)).Succeeded);
        for (var i = 0; i < 4; i++) await SignInAsync(host, "alice", "wrong");

        Assert.True((await SignInAsync(host, "alice", AlicePassword)).Succeeded);
    }

    [Fact]
    public async Task A_user_without_console_access_cannot_sign_in_even_with_the_right_password()
    {
        await using var host = await CoreHost.StartAsync();
        var user = await host.AddConsoleUserAsync("bot", AlicePassword);
        await using (var db = host.NewDb())
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.ConsoleLoginEnabled, false));
        }

        Assert.Same(SignInOutcome.Failed, await SignInAsync(host, "bot", AlicePassword));
    }
}
