using RamConsole.Core.Errors;
using RamConsole.Core.Redis;
using RamConsole.Core.Tests.Support;
using static RamConsole.Core.Tests.Redis.RedisPlaneFixture;

namespace RamConsole.Core.Tests.Redis;

/// <summary>Accounts are Redis ACL users, and their privileges mean what <see cref="AccountPrivilege"/> says — on a real redis-server.</summary>
public sealed class AccountAclTests
{
    [Fact]
    public async Task A_read_only_account_reads_but_cannot_write_flush_or_list_keys_and_read_write_cannot_flush_or_configure()
    {
        await using var host = await CoreHost.StartAsync();
        var instance = await InstanceAsync(host);
        var accounts = host.Use<RedisAccounts>();
        await accounts.CreateAsync(host.Root, instance.InstanceId, "reader", AccountPassword, AccountPrivilege.ReadOnly, "reads");
        await accounts.CreateAsync(host.Root, instance.InstanceId, "writer", AccountPassword, AccountPrivilege.ReadWrite, null);

        await using var writer = await SignInAsync(instance, "writer", AccountPassword);
        Assert.Equal("OK", await writer.CommandAsync("SET", "k", "v"));
        Assert.StartsWith("NOPERM", ErrorOf(await writer.CommandAsync("FLUSHALL")));
        Assert.StartsWith("NOPERM", ErrorOf(await writer.CommandAsync("CONFIG", "SET", "maxmemory", "1")));
        Assert.StartsWith("NOPERM", ErrorOf(await writer.CommandAsync("ACL", "SETUSER", "writer", "+@all")));
        Assert.StartsWith("NOPERM", ErrorOf(await writer.CommandAsync("SHUTDOWN")));

        await using var reader = await SignInAsync(instance, "reader", AccountPassword);
        Assert.Equal("v", await reader.CommandAsync("GET", "k"));
        Assert.Equal("PONG", await reader.CommandAsync("PING"));
        Assert.StartsWith("NOPERM", ErrorOf(await reader.CommandAsync("SET", "k", "w")));
        Assert.StartsWith("NOPERM", ErrorOf(await reader.CommandAsync("DEL", "k")));
        Assert.StartsWith("NOPERM", ErrorOf(await reader.CommandAsync("FLUSHALL")));
        Assert.StartsWith("NOPERM", ErrorOf(await reader.CommandAsync("KEYS", "*")));
        Assert.StartsWith("NOPERM", ErrorOf(await reader.CommandAsync("CLIENT", "LIST")));

        // The default account is read-write, and works with the password given at creation.
        await using var owner = await SignInAsync(instance, "default", DefaultPassword);
        Assert.Equal("v", await owner.CommandAsync("GET", "k"));
        Assert.StartsWith("NOPERM", ErrorOf(await owner.CommandAsync("FLUSHALL")));
    }

    [Fact]
    public async Task A_grant_replaces_the_privilege_on_open_connections_and_keeps_the_password()
    {
        await using var host = await CoreHost.StartAsync();
        var instance = await InstanceAsync(host);
        var accounts = host.Use<RedisAccounts>();
        await accounts.CreateAsync(host.Root, instance.InstanceId, "app", AccountPassword, AccountPrivilege.ReadWrite, null);
        await using var app = await SignInAsync(instance, "app", AccountPassword);
        Assert.Equal("OK", await app.CommandAsync("SET", "k", "v"));

        await accounts.GrantAsync(host.Root, instance.InstanceId, "app", AccountPrivilege.ReadOnly);

        Assert.StartsWith("NOPERM", ErrorOf(await app.CommandAsync("SET", "k", "w")));
        Assert.Equal("OK", await AuthAsync(instance, "app", AccountPassword));
        Assert.Equal(AccountPrivilege.ReadOnly, Assert.Single(await accounts.ListAsync(host.Root, instance.InstanceId, "app")).Privilege);
    }

    [Fact]
    public async Task Deleting_an_account_or_resetting_its_password_closes_its_connections()
    {
        await using var host = await CoreHost.StartAsync();
        var instance = await InstanceAsync(host);
        var accounts = host.Use<RedisAccounts>();
        await accounts.CreateAsync(host.Root, instance.InstanceId, "app", AccountPassword, AccountPrivilege.ReadWrite, null);
        await using var before = await SignInAsync(instance, "app", AccountPassword);

        await accounts.ResetPasswordAsync(host.Root, instance.InstanceId, "app", "Second-Passw0rd");

        Assert.True(await before.ClosedWithinAsync(TimeSpan.FromSeconds(2)));
        Assert.StartsWith("WRONGPASS", await AuthAsync(instance, "app", AccountPassword));
        await using var after = await SignInAsync(instance, "app", "Second-Passw0rd");

        await accounts.DeleteAsync(host.Root, instance.InstanceId, "app");

        Assert.True(await after.ClosedWithinAsync(TimeSpan.FromSeconds(2)));
        Assert.StartsWith("WRONGPASS", await AuthAsync(instance, "app", "Second-Passw0rd"));
        Assert.Empty(await accounts.ListAsync(host.Root, instance.InstanceId, "app"));
    }

    [Fact]
    public async Task Modify_password_needs_the_old_one_and_nothing_stores_a_password_in_clear_text()
    {
        await using var host = await CoreHost.StartAsync();
        var instance = await InstanceAsync(host);
        var accounts = host.Use<RedisAccounts>();
        await accounts.CreateAsync(host.Root, instance.InstanceId, "app", AccountPassword, AccountPrivilege.ReadWrite, null);

        var wrong = await Assert.ThrowsAsync<RamException>(() => accounts.ModifyPasswordAsync(host.Root, instance.InstanceId, "app", "Not-The-0ld-one", "Third-Passw0rd"));
        Assert.Equal("InvalidOldAccountPassword", wrong.Code);
        Assert.Equal("OK", await AuthAsync(instance, "app", AccountPassword));
        await accounts.ModifyPasswordAsync(host.Root, instance.InstanceId, "app", AccountPassword, "Third-Passw0rd");
        Assert.Equal("OK", await AuthAsync(instance, "app", "Third-Passw0rd"));

        // Neither the database, nor the audit trail, nor the instance's files hold any of the passwords.
        var files = string.Concat(Directory.EnumerateFiles(Path.Combine(host.Folder, "redis"), "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".rdb", StringComparison.Ordinal)).Select(File.ReadAllText));
        var database = await host.StoredTextAsync();
        foreach (var secret in new[] { DefaultPassword, AccountPassword, "Third-Passw0rd" })
        {
            Assert.DoesNotContain(secret, files);
            Assert.DoesNotContain(secret, database);
        }
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_named_error_and_leaves_no_acl_user_behind()
    {
        await using var host = await CoreHost.StartAsync();
        var instance = await InstanceAsync(host);
        var accounts = host.Use<RedisAccounts>();

        Assert.Equal("InvalidPassword.Malformed", (await Assert.ThrowsAsync<RamException>(() =>
            accounts.CreateAsync(host.Root, instance.InstanceId, "weak", "password", AccountPrivilege.ReadOnly, null))).Code);
        Assert.Equal("InvalidAccountName.Format", (await Assert.ThrowsAsync<RamException>(() =>
            accounts.CreateAsync(host.Root, instance.InstanceId, "Bad-Name", AccountPassword, AccountPrivilege.ReadOnly, null))).Code);
        Assert.Equal("InvalidAccountName.Duplicate", (await Assert.ThrowsAsync<RamException>(() =>
            accounts.CreateAsync(host.Root, instance.InstanceId, "default", AccountPassword, AccountPrivilege.ReadOnly, null))).Code);
        Assert.Equal("InvalidAccountPrivilege.Malformed", (await Assert.ThrowsAsync<RamException>(() =>
            accounts.CreateAsync(host.Root, instance.InstanceId, "admin", AccountPassword, "+@all", null))).Code);
        Assert.Equal("InvalidInstanceId.NotFound", (await Assert.ThrowsAsync<RamException>(() =>
            accounts.CreateAsync(host.Root, "r-00000000000000000000", "app", AccountPassword, AccountPrivilege.ReadOnly, null))).Code);
        Assert.StartsWith("WRONGPASS", await AuthAsync(instance, "weak", "password"));
        Assert.Equal(["default"], (await accounts.ListAsync(host.Root, instance.InstanceId)).Select(a => a.AccountName));
    }

    [Fact]
    public async Task An_instance_has_at_most_twenty_accounts()
    {
        await using var host = await CoreHost.StartAsync();
        var instance = await InstanceAsync(host);
        var accounts = host.Use<RedisAccounts>();
        for (var i = 1; i < RedisAccounts.MaxAccounts; i++) await accounts.CreateAsync(host.Root, instance.InstanceId, $"app{i}", AccountPassword, AccountPrivilege.ReadOnly, null);

        var error = await Assert.ThrowsAsync<RamException>(() => accounts.CreateAsync(host.Root, instance.InstanceId, "one_more", AccountPassword, AccountPrivilege.ReadOnly, null));

        Assert.Equal("LimitExceeded.Account", error.Code);
        Assert.Equal(RedisAccounts.MaxAccounts, (await accounts.ListAsync(host.Root, instance.InstanceId)).Count);
    }
}
