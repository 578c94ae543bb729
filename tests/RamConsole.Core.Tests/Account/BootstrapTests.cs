using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.Account;
using RamConsole.Core.Persistence;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;

namespace RamConsole.Core.Tests.Account;

public sealed class BootstrapTests
{
    [Fact]
    public async Task First_start_creates_the_account_and_root()
    {
        await using var host = new CoreHost();
        await RamDatabase.MigrateAsync(host.Services);

        var result = await host.BootstrapAsync();

        Assert.True(result.Created);
        Assert.Matches("^[1-9][0-9]{15}$", result.AccountId);
        Assert.Null(result.GeneratedRootPassword); // configured, so nothing to show
        await using var db = host.NewDb();
        var account = await db.Accounts.SingleAsync();
        Assert.Equal(result.AccountId, account.AccountId);
        Assert.Equal("test-account", account.Alias);
        var root = await db.Users.SingleAsync();
        Assert.Equal(PrincipalKind.Root, root.Kind);
        Assert.Equal("root", root.UserName);
        Assert.True(root.LockoutEnabled);
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "ram:BootstrapAccount"));
    }

    [Fact]
    public async Task A_second_start_changes_nothing()
    {
        await using var host = await CoreHost.StartAsync();
        await using var before = host.NewDb();
        var account = await before.Accounts.AsNoTracking().SingleAsync();
        var root = await before.Users.AsNoTracking().SingleAsync();
        var events = await before.AuditEvents.CountAsync();

        var second = await host.BootstrapAsync();

        Assert.False(second.Created);
        Assert.Equal(account.AccountId, second.AccountId);
        await using var after = host.NewDb();
        Assert.Equal(account.AccountId, (await after.Accounts.SingleAsync()).AccountId);
        var rootAfter = await after.Users.SingleAsync();
        Assert.Equal(root.PasswordHash, rootAfter.PasswordHash);
        Assert.Equal(root.SecurityStamp, rootAfter.SecurityStamp);
        Assert.Equal(events, await after.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task Root_password_comes_from_configuration_and_is_hashed_with_PBKDF2_SHA512_at_210000_iterations()
    {
        await using var host = await CoreHost.StartAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RamUser>>();
        var root = await users.FindByNameAsync("root");

        Assert.True(await users.CheckPasswordAsync(root!, CoreHost.RootPassword));
        var hash = Convert.FromBase64String(root!.PasswordHash!);
        Assert.Equal(0x01, hash[0]); // Identity V3 format
        Assert.Equal(2u, ReadUInt32(hash, 1)); // KeyDerivationPrf.HMACSHA512
        Assert.Equal(210_000u, ReadUInt32(hash, 5));
    }

    [Fact]
    public async Task Without_a_configured_password_a_random_policy_compliant_one_is_generated_and_works()
    {
        await using var host = new CoreHost(new Dictionary<string, string?> { ["Bootstrap:RootPassword"] = "" });
        await RamDatabase.MigrateAsync(host.Services);

        var result = await host.BootstrapAsync();

        var password = Assert.IsType<string>(result.GeneratedRootPassword);
        Assert.True(password.Length >= 20);
        Assert.Contains(password, char.IsUpper);
        Assert.Contains(password, char.IsLower);
        Assert.Contains(password, char.IsDigit);
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RamUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByNameAsync("root"))!, password));
    }

    [Fact]
    public async Task A_configured_root_password_that_breaks_the_policy_stops_bootstrap_and_writes_nothing()
    {
        await using var host = new CoreHost(new Dictionary<string, string?> { ["Bootstrap:RootPassword"] = "short" });
        await RamDatabase.MigrateAsync(host.Services);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(host.BootstrapAsync);

        Assert.Contains("Bootstrap:RootPassword", error.Message);
        await using var db = host.NewDb();
        Assert.Equal(0, await db.Accounts.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
    }

    private static uint ReadUInt32(byte[] buffer, int offset) =>
        (uint)(buffer[offset] << 24 | buffer[offset + 1] << 16 | buffer[offset + 2] << 8 | buffer[offset + 3]);
}

public sealed class BootstrapAdministratorTests
{
    [Fact]
    public async Task The_bootstrap_administrator_gets_AdministratorAccess_and_exactly_the_configured_key()
    {
        await using var host = await CoreHost.StartAsync(new Dictionary<string, string?>
        {
            ["Bootstrap:AdminUserName"] = "automation",
            ["Bootstrap:AdminAccessKeyId"] = "LTAIbootstrap0000000001",
            ["Bootstrap:AdminAccessKeySecret"] = "BootstrapSecret0000000000000001",
        });

        var credential = await host.Use<RamConsole.Core.AccessKeys.AccessKeyDirectory>().FindAsync("LTAIbootstrap0000000001");
        var decision = await host.Use<RamConsole.Core.Authorization.RamAuthorizer>().DecideAsync(host.As("automation"), "ram:CreateUser", "acs:ram:*:1:user/x");

        Assert.Equal(("automation", "BootstrapSecret0000000000000001"), (credential!.UserName, credential.Secret));
        Assert.True(decision.Allowed);
        await using var db = host.NewDb();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "ram:BootstrapAdministrator"));
        Assert.DoesNotContain("BootstrapSecret", string.Concat(await db.AuditEvents.Select(e => e.After).ToListAsync()));
    }

    [Fact]
    public async Task A_malformed_bootstrap_key_stops_the_bootstrap_and_writes_nothing()
    {
        await using var host = new CoreHost(new Dictionary<string, string?>
        {
            ["Bootstrap:AdminUserName"] = "automation",
            ["Bootstrap:AdminAccessKeyId"] = "not-a-key",
            ["Bootstrap:AdminAccessKeySecret"] = "x",
        });
        await RamDatabase.MigrateAsync(host.Services);

        await Assert.ThrowsAsync<InvalidOperationException>(host.BootstrapAsync);

        await using var db = host.NewDb();
        Assert.Equal(0, await db.Accounts.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
    }
}
