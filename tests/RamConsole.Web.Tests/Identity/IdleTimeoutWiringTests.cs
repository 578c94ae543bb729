using System.Reflection;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RamConsole.Core.Errors;
using RamConsole.Core.Persistence;
using RamConsole.Core.Sessions;
using RamConsole.Core.SignIn;
using RamConsole.Core.Users;
using RamConsole.Web.Components.Account;
using RamConsole.Web.Identity;
using RamConsole.Web.Tests.Support;

namespace RamConsole.Web.Tests.Identity;

/// <summary>
/// How the console feeds the idle timeout: an action in a circuit (every one starts at <see cref="ConsoleCaller"/>)
/// is activity; the circuit's two-second re-check is not, and it is what signs an idle tab out.
/// </summary>
public sealed class IdleTimeoutWiringTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly ConsoleTestContext _ctx = new();
    private string _sessionId = "";

    public async Task InitializeAsync()
    {
        await _ctx.UseRealCoreAsync(_time);
        await _ctx.Use<CreateUser>().RunAsync(_ctx.RootCaller, new("alice", ConsolePassword: "Lantern-Orbit-Maple-42"));
        await using var db = await _ctx.Use<IDbContextFactory<RamDbContext>>().CreateDbContextAsync();
        var alice = await db.Users.SingleAsync(u => u.UserName == "alice");
        using var scope = _ctx.Services.CreateScope();
        _sessionId = (await scope.ServiceProvider.GetRequiredService<ConsoleSignInCompletion>().CompleteAsync(alice.Id, ["pwd", "otp"], null, null)).Id;
        _ctx.SignInAsUser("alice", _sessionId, alice.Id);
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    /// <summary>What the circuit's periodic re-check answers (the provider's protected hook).</summary>
    private async Task<bool> RecheckAsync()
    {
        var provider = new IdentityRevalidatingAuthenticationStateProvider(NullLoggerFactory.Instance, _ctx.Use<ConsoleSessions>(), _ctx.Use<RoleConsoleSessions>());
        var state = await _ctx.Use<AuthenticationStateProvider>().GetAuthenticationStateAsync();
        var validate = typeof(IdentityRevalidatingAuthenticationStateProvider).GetMethod("ValidateAuthenticationStateAsync", BindingFlags.Instance | BindingFlags.NonPublic)!;
        return await (Task<bool>)validate.Invoke(provider, [state, CancellationToken.None])!;
    }

    [Fact]
    public async Task Actions_keep_the_session_re_checks_do_not_and_an_idle_tab_is_signed_out()
    {
        using var scope = _ctx.Services.CreateScope();
        var caller = scope.ServiceProvider.GetRequiredService<ConsoleCaller>();

        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal("alice", (await caller.GetAsync()).Name); // an action: activity now
        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.True(await RecheckAsync());                      // 29 min idle: still live, and the re-check is not activity
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(await RecheckAsync());                     // 30 min after the last action: signed out

        var refused = await Assert.ThrowsAsync<RamException>(caller.GetAsync);
        Assert.Equal("InvalidSession", refused.Code);
        await using var db = await _ctx.Use<IDbContextFactory<RamDbContext>>().CreateDbContextAsync();
        Assert.Equal(ConsoleSessions.IdleReason, (await db.ConsoleSessions.SingleAsync(s => s.Id == _sessionId)).EndReason);
    }
}
