using RamConsole.Core.Errors;
using RamConsole.Core.Settings;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;

using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Settings;

public sealed class PasswordPolicyTests
{
    private const string Strong = "Str0ng-Enough-Pw";

    private static async Task<RamException> SetPasswordAsync(CoreHost host, string password) =>
        await Assert.ThrowsAsync<RamException>(() => host.Use<LoginProfiles>().UpdateAsync(host.Root, new LoginProfiles.Request("alice", password)));

    [Theory]
    [InlineData("Sh0rt-pw", "Use at least 12 characters.")]
    [InlineData("no-upper-case-1", "Include an uppercase letter.")]
    [InlineData("NO-LOWER-CASE-1", "Include a lowercase letter.")]
    [InlineData("No-Numbers-Here", "Include a number.")]
    public async Task Each_default_rule_is_enforced_with_its_own_message(string password, string message)
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", Strong);

        var error = await SetPasswordAsync(host, password);

        Assert.Equal("InvalidParameter.Password.PolicyViolation", error.Code);
        Assert.Equal("Password", error.Field);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task A_changed_policy_applies_to_the_next_password_set()
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", Strong);
        await host.SetPolicyAsync(new(MinimumPasswordLength: 20, RequireSymbols: true));

        Assert.Contains("Use at least 20 characters.", (await SetPasswordAsync(host, "Str0ngEnoughPw")).Message);
        Assert.Contains("Include a symbol", (await SetPasswordAsync(host, "Str0ngEnoughPwButNoSymbol")).Message);
        await host.Use<LoginProfiles>().UpdateAsync(host.Root, new LoginProfiles.Request("alice", "Str0ng-Enough-And-Long"));

        await host.SetPolicyAsync(new(MinimumPasswordLength: 8, RequireUppercaseCharacters: false, RequireNumbers: false, RequireSymbols: false));
        await host.Use<LoginProfiles>().UpdateAsync(host.Root, new LoginProfiles.Request("alice", "mellow quartz harbour"));
    }

    [Theory]
    [InlineData("Password123!")]      // every character class, and on every list of common passwords
    [InlineData("P@ssw0rd1234")]      // l33t spelling of the same
    [InlineData("Qwerty123456")]      // a keyboard walk
    [InlineData("Welcome123456")]
    [InlineData("AliceAlice2026")]    // the user's own name and a year
    [InlineData("Ramconsole2026!")]   // the product's name
    public async Task Common_breached_and_personal_passwords_are_refused_though_they_meet_the_composition_rules(string password)
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", Strong);
        Assert.Empty(PasswordPolicyValidator.Check(host.Use<SecuritySettingsStore>().Current, password)); // composition alone would let it in

        var error = await SetPasswordAsync(host, password);

        Assert.Equal("InvalidParameter.Password.PolicyViolation", error.Code);
        Assert.Contains("too easy to guess", error.Message);
        Assert.DoesNotContain(password, error.Message);
    }

    [Fact]
    public async Task The_guessability_check_applies_when_a_user_is_created_too()
    {
        await using var host = await CoreHost.StartAsync();
        var refused = await Assert.ThrowsAsync<RamException>(() => host.Use<CreateUser>().RunAsync(host.Root, new("bob", ConsolePassword: "Password123!")));
        Assert.Contains("too easy to guess", refused.Message);
        Assert.Equal(0, (await host.Use<ListUsers>().RunAsync(host.Root, "bob", 0, 10)).TotalCount); // nothing half-written

        // A passphrase of unrelated words passes; the validator alone agrees.
        await host.AddConsoleUserAsync("bob", "Lantern-Orbit-Maple-42");
        Assert.False(GuessablePasswordValidator.IsGuessable("Lantern-Orbit-Maple-42", "bob"));
        Assert.True(GuessablePasswordValidator.IsGuessable("Bob1234567890", "bob"));
    }

    [Fact]
    public async Task Reuse_prevention_refuses_the_last_n_passwords_only()
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", "First-Passw0rd-1-Zt9q");
        await host.SetPolicyAsync(new(PasswordReusePrevention: 2));
        var profiles = host.Use<LoginProfiles>();
        await profiles.UpdateAsync(host.Root, new LoginProfiles.Request("alice", "Second-Passw0rd-2-Zt9q"));
        await profiles.UpdateAsync(host.Root, new LoginProfiles.Request("alice", "Third-Passw0rd-3-Zt9q"));

        Assert.Equal("InvalidParameter.Password.Reused", (await SetPasswordAsync(host, "Third-Passw0rd-3-Zt9q")).Code);   // current
        Assert.Equal("InvalidParameter.Password.Reused", (await SetPasswordAsync(host, "Second-Passw0rd-2-Zt9q")).Code);  // previous
        await profiles.UpdateAsync(host.Root, new LoginProfiles.Request("alice", "First-Passw0rd-1-Zt9q"));              // three back: allowed
    }

    [Fact]
    public async Task A_user_changes_their_own_password_only_with_the_old_one_and_while_allowed()
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", Strong);
        var change = host.Use<ChangeOwnPassword>();

        Assert.Equal("InvalidParameter.OldPassword", await CodeOf(() => change.RunAsync(host.As("alice"), "wrong", "New-Passw0rd-99", "New-Passw0rd-99")));
        Assert.Equal("InvalidParameter.Password.Mismatch", await CodeOf(() => change.RunAsync(host.As("alice"), Strong, "New-Passw0rd-99", "other")));
        await change.RunAsync(host.As("alice"), Strong, "New-Passw0rd-99", "New-Passw0rd-99");

        await host.SetPreferenceAsync(new(AllowUserToChangePassword: false));
        Assert.Equal("NoPermission", await CodeOf(() => change.RunAsync(host.As("alice"), "New-Passw0rd-99", "New-Passw0rd-100-Zt9q", "New-Passw0rd-100-Zt9q")));
    }
}
