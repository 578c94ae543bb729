using RamConsole.Policy.Catalog;
using Microsoft.EntityFrameworkCore;
using RamConsole.Core.SignIn;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.SignIn;

public sealed class RequiredPasswordChangeTests
{
    private const string First = "First-Passw0rd-1-Zt9q", Second = "Second-Passw0rd-2-Zt9q";

    private static async Task<(CoreHost Host, string UserId)> SetUpAsync()
    {
        var host = await CoreHost.StartAsync();
        var user = await host.Use<CreateUser>().RunAsync(host.Root, new("alice", ConsolePassword: First, PasswordResetRequired: true));
        return (host, user.UserId);
    }

    [Fact]
    public async Task A_new_password_clears_the_flag_replaces_the_old_one_and_is_audited()
    {
        var (host, id) = await SetUpAsync();
        await using var _ = host;

        await host.Use<RequiredPasswordChange>().RunAsync(id, Second, Second, "203.0.113.9");

        await using var db = host.NewDb();
        Assert.False((await db.Users.SingleAsync(u => u.Id == id)).PasswordResetRequired);
        Assert.False((await host.InScopeAsync<PasswordSignIn, SignInOutcome>(s => s.CheckAsync(new("alice", First, null)))).Succeeded);
        Assert.True((await host.InScopeAsync<PasswordSignIn, SignInOutcome>(s => s.CheckAsync(new("alice", Second, null)))).Succeeded);
        var e = await db.AuditEvents.SingleAsync(a => a.Action == RamActions.ChangePassword);
        Assert.Equal("203.0.113.9", e.SourceIp);
        Assert.DoesNotContain(Second, e.Detail);
    }

    [Fact]
    public async Task Mismatched_reused_and_weak_passwords_are_refused_beside_their_field()
    {
        var (host, id) = await SetUpAsync();
        await using var _ = host;
        var change = host.Use<RequiredPasswordChange>();

        Assert.Equal("InvalidParameter.Password.Mismatch", await CodeOf(() => change.RunAsync(id, Second, Second + "x", null)));
        Assert.Equal("InvalidParameter.Password.Reused", await CodeOf(() => change.RunAsync(id, First, First, null)));
        Assert.Equal("InvalidParameter.Password.PolicyViolation", await CodeOf(() => change.RunAsync(id, "weak", "weak", null)));
        await using var db = host.NewDb();
        Assert.True((await db.Users.SingleAsync(u => u.Id == id)).PasswordResetRequired);
    }
}
