using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.Errors;
using RamConsole.Core.Settings;
using RamConsole.Core.Tests.Support;

using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Settings;

public sealed class SecuritySettingsTests
{
    [Fact]
    public async Task Defaults_are_the_secure_ones()
    {
        await using var host = await CoreHost.StartAsync();
        var admin = host.Use<SecuritySettingsAdmin>();

        var preference = await admin.GetPreferenceAsync(host.Root);
        var policy = await admin.GetPasswordPolicyAsync(host.Root);

        Assert.Equal(SecuritySettingsAdmin.MfaMandatory, preference.MFAOperationForLogin);
        Assert.Equal(0, policy.MaxPasswordAge);
        Assert.Equal(12, policy.MinimumPasswordLength);
        Assert.Equal(5, policy.MaxLoginAttemps);
    }

    [Fact]
    public async Task A_change_committed_while_the_settings_are_first_read_is_not_overwritten_by_that_read()
    {
        await using var host = await CoreHost.StartAsync();
        var factory = new InterleavingDbFactory(host);
        var store = new SecuritySettingsStore(factory); // as after a restart: nothing read yet
        factory.Arm(async () =>
        {
            await host.SetPreferenceAsync(new(LoginNetworkMasks: "10.0.0.0/8"));
            store.Forget(); // what the commit path does after the commit
        });

        await store.GetAsync(); // read the row before the change committed
        Assert.False(factory.Armed);
        Assert.Equal("10.0.0.0/8", (await store.GetAsync()).LoginNetworkMasks);
    }

    [Fact]
    public async Task Changes_to_different_settings_at_the_same_time_all_take_effect()
    {
        await using var host = await CoreHost.StartAsync();
        SecuritySettingsAdmin Admin() => host.Use<SecuritySettingsAdmin>();

        await Task.WhenAll(
            Task.Run(() => Admin().SetPreferenceAsync(host.Root, new(LoginSessionDuration: 3))),
            Task.Run(() => Admin().SetPreferenceAsync(host.Root, new(AllowUserToChangePassword: false))),
            Task.Run(() => Admin().SetPreferenceAsync(host.Root, new(LoginNetworkMasks: "10.0.0.0/8"))),
            Task.Run(() => Admin().SetPasswordPolicyAsync(host.Root, new(MinimumPasswordLength: 14))),
            Task.Run(() => Admin().SetPasswordPolicyAsync(host.Root, new(MaxLoginAttemps: 3))),
            Task.Run(() => Admin().SetAuditRetentionAsync(host.Root, 60)));

        foreach (var settings in new[] { await host.Use<SecuritySettingsStore>().GetAsync(), await new SecuritySettingsStore(host.Services.GetRequiredService<IDbContextFactory<RamConsole.Core.Persistence.RamDbContext>>()).GetAsync() })
        {
            Assert.Equal((3, false, "10.0.0.0/8", 14, 3, 60), (settings.LoginSessionDuration, settings.AllowUserToChangePassword, settings.LoginNetworkMasks,
                settings.MinimumPasswordLength, settings.MaxLoginAttemps, settings.AuditRetentionDays));
        }
    }

    [Theory]
    [InlineData("LoginSessionDuration", 0)]
    [InlineData("LoginSessionDuration", 25)]
    public async Task Out_of_range_preferences_are_refused_naming_the_field(string field, int value)
    {
        await using var host = await CoreHost.StartAsync();
        var error = await Assert.ThrowsAsync<RamException>(() => host.SetPreferenceAsync(new(LoginSessionDuration: value)));
        Assert.Equal(field, error.Field);
        Assert.Equal(400, error.HttpStatus);
    }

    [Theory]
    [InlineData("MinimumPasswordLength", 7)]
    [InlineData("MinimumPasswordLength", 33)]
    [InlineData("MaxPasswordAge", 1096)]
    [InlineData("MaxPasswordAge", -1)]
    [InlineData("PasswordReusePrevention", 25)]
    [InlineData("MaxLoginAttemps", 33)]
    public async Task Out_of_range_password_policy_values_are_refused_naming_the_field(string field, int value)
    {
        await using var host = await CoreHost.StartAsync();
        var change = field switch
        {
            "MinimumPasswordLength" => new SecuritySettingsAdmin.PasswordPolicyChange(MinimumPasswordLength: value),
            "MaxPasswordAge" => new SecuritySettingsAdmin.PasswordPolicyChange(MaxPasswordAge: value),
            "PasswordReusePrevention" => new SecuritySettingsAdmin.PasswordPolicyChange(PasswordReusePrevention: value),
            _ => new SecuritySettingsAdmin.PasswordPolicyChange(MaxLoginAttemps: value),
        };
        var error = await Assert.ThrowsAsync<RamException>(() => host.SetPolicyAsync(change));
        Assert.Equal(field, error.Field);
        Assert.Equal($"InvalidParameter.{field}", error.Code);
        await using var db = host.NewDb();
        Assert.False(await db.SecuritySettings.AnyAsync()); // nothing half-written
    }

    [Fact]
    public async Task Network_masks_are_checked_and_limited_to_forty()
    {
        await using var host = await CoreHost.StartAsync();
        Assert.Contains("\"300.1.1.1/8\" is not", (await Assert.ThrowsAsync<RamException>(() => host.SetPreferenceAsync(new(LoginNetworkMasks: "10.0.0.0/8;300.1.1.1/8")))).Message);
        var many = string.Join(';', Enumerable.Range(1, 41).Select(i => $"10.{i}.0.0/16"));
        Assert.Contains("at most 40", (await Assert.ThrowsAsync<RamException>(() => host.SetPreferenceAsync(new(LoginNetworkMasks: many)))).Message);
    }

    [Fact]
    public async Task A_change_is_audited_with_before_and_after_and_needs_permission()
    {
        await using var host = await CoreHost.StartAsync();
        await host.AddConsoleUserAsync("alice", "Alice-Passw0rd-123-Zt9q");

        await host.SetPreferenceAsync(new(LoginSessionDuration: 2));
        Assert.Equal("NoPermission", await CodeOf(() => host.Use<SecuritySettingsAdmin>().SetPasswordPolicyAsync(host.As("alice"), new(MinimumPasswordLength: 8))));

        await using var db = host.NewDb();
        var e = await db.AuditEvents.SingleAsync(a => a.Action == "ram:SetSecurityPreference");
        Assert.Contains("\"LoginSessionDuration\":6", e.Before);
        Assert.Contains("\"LoginSessionDuration\":2", e.After);
        Assert.Equal(2, host.Services.GetRequiredService<SecuritySettingsStore>().Current.LoginSessionDuration);
    }
}
