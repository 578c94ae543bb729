using RamConsole.Core.Federation;
using RamConsole.Core.SignIn;
using RamConsole.Core.Tests.Support;
using RamConsole.Tests.Shared;

namespace RamConsole.Core.Tests.Federation;

public sealed class SsoPasswordSignInTests
{
    [Fact]
    public async Task While_user_SSO_is_on_RAM_users_cannot_use_passwords_and_root_still_can()
    {
        await using var host = await CoreHost.StartAsync();
        using var idp = new SamlIdpForTests();
        await host.AddConsoleUserAsync("alice", "Tulip-Granite-Orbit-93");
        Assert.True((await host.Use<PasswordSignIn>().CheckAsync(new SignInAttempt("alice", "Tulip-Granite-Orbit-93", "10.0.0.1"))).Succeeded);

        await host.Use<UserSso>().SetAsync(host.Root, new(idp.EncodedMetadata(), SsoEnabled: true));

        var alice = await host.Use<PasswordSignIn>().CheckAsync(new SignInAttempt("alice", "Tulip-Granite-Orbit-93", "10.0.0.1"));
        Assert.False(alice.Succeeded);
        Assert.Equal(SignInOutcome.SsoRequiredError, alice.Error);
        var stranger = await host.Use<PasswordSignIn>().CheckAsync(new SignInAttempt("nobody", "whatever", "10.0.0.1"));
        Assert.Equal(SignInOutcome.SsoRequiredError, stranger.Error); // the same answer for unknown names: nothing is revealed
        Assert.True((await host.Use<PasswordSignIn>().CheckAsync(new SignInAttempt("root", CoreHost.RootPassword, "10.0.0.1"))).Succeeded);
    }
}
