using Microsoft.EntityFrameworkCore;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.AccessKeys;

public sealed class AccessKeyUseCaseTests
{
    [Fact]
    public async Task The_secret_is_shown_once_stored_encrypted_and_never_listed()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("bot"));

        var key = await host.Use<AccessKeyUseCases>().CreateAsync(host.Root, "bot");

        Assert.Matches("^LTAI[0-9A-Za-z]{20}$", key.AccessKeyId);
        Assert.Matches("^[0-9A-Za-z]{30}$", key.AccessKeySecret);
        // Read the raw column, and everything the database stores, bypassing EF: the secret must be nowhere in clear.
        await using (var raw = host.NewDb())
        {
            var column = await raw.Database.SqlQueryRaw<string>("SELECT \"ProtectedSecret\" AS \"Value\" FROM \"AccessKeys\"").SingleAsync();
            Assert.DoesNotContain(key.AccessKeySecret, column);
        }
        Assert.DoesNotContain(key.AccessKeySecret, await host.StoredTextAsync());
        var listed = Assert.Single(await host.Use<AccessKeyUseCases>().ListAsync(host.Root, "bot"));
        Assert.Equal((key.AccessKeyId, AccessKeyStatus.Active), (listed.AccessKeyId, listed.Status));
        Assert.DoesNotContain(typeof(AccessKeyView).GetProperties(), p => p.Name.Contains("Secret"));
        await using var db = host.NewDb();
        Assert.Equal(key.AccessKeySecret, host.Use<AccessKeyUseCases>().Unprotect(await db.AccessKeys.SingleAsync()));
        Assert.DoesNotContain(key.AccessKeySecret, string.Concat(await db.AuditEvents.Select(e => e.Before + e.After + e.Detail).ToListAsync()));
    }

    [Fact]
    public async Task A_user_has_at_most_two_keys_which_can_be_disabled_and_deleted()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("bot"));
        var keys = host.Use<AccessKeyUseCases>();
        var first = await keys.CreateAsync(host.Root, "bot");
        await keys.CreateAsync(host.Root, "bot");

        Assert.Equal("LimitExceeded.User.AccessKey", await CodeOf(() => keys.CreateAsync(host.Root, "bot")));
        await keys.UpdateStatusAsync(host.Root, "bot", first.AccessKeyId, AccessKeyStatus.Inactive);
        Assert.Equal(AccessKeyStatus.Inactive, (await keys.ListAsync(host.Root, "bot")).Single(k => k.AccessKeyId == first.AccessKeyId).Status);
        await keys.DeleteAsync(host.Root, "bot", first.AccessKeyId);
        Assert.Single(await keys.ListAsync(host.Root, "bot"));
        Assert.Equal("EntityNotExist.AccessKey", await CodeOf(() => keys.DeleteAsync(host.Root, "bot", first.AccessKeyId)));
    }
}

public sealed class AccessKeyDirectoryTests
{
    [Fact]
    public async Task Uses_are_recorded_in_one_batch_and_a_disabled_key_is_not_served_from_the_cache()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("bot"));
        var key = await host.Use<AccessKeyUseCases>().CreateAsync(host.Root, "bot");
        var directory = host.Use<AccessKeyDirectory>();

        Assert.Equal(AccessKeyStatus.Active, (await directory.FindAsync(key.AccessKeyId))!.Status); // now cached
        directory.RecordUse(key.AccessKeyId);
        Assert.Null(Assert.Single(await host.Use<AccessKeyUseCases>().ListAsync(host.Root, "bot")).LastUsedDate); // not written yet
        Assert.Equal(1, await directory.FlushLastUsedAsync());
        Assert.Equal(host.Time.GetUtcNow(), Assert.Single(await host.Use<AccessKeyUseCases>().ListAsync(host.Root, "bot")).LastUsedDate);
        Assert.Equal(0, await directory.FlushLastUsedAsync());

        await host.Use<AccessKeyUseCases>().UpdateStatusAsync(host.Root, "bot", key.AccessKeyId, AccessKeyStatus.Inactive);
        Assert.Equal(AccessKeyStatus.Inactive, (await directory.FindAsync(key.AccessKeyId))!.Status);
        await host.Use<AccessKeyUseCases>().DeleteAsync(host.Root, "bot", key.AccessKeyId);
        Assert.Null(await directory.FindAsync(key.AccessKeyId));
    }

    [Fact]
    public async Task Unknown_ids_are_remembered_briefly_so_repeated_junk_costs_no_database_reads()
    {
        await using var host = await CoreHost.StartAsync();
        var directory = host.Use<AccessKeyDirectory>();
        var before = directory.Loads;

        for (var i = 0; i < 100; i++) Assert.Null(await directory.FindAsync("LTAIdoesnotexist000001"));
        Assert.Equal(before + 1, directory.Loads);

        host.Time.Advance(TimeSpan.FromSeconds(11)); // remembered for 10 s only
        Assert.Null(await directory.FindAsync("LTAIdoesnotexist000001"));
        Assert.Equal(before + 2, directory.Loads);

        await host.Use<CreateUser>().RunAsync(host.Root, new("bot"));
        var key = await host.Use<AccessKeyUseCases>().CreateAsync(host.Root, "bot");
        Assert.NotNull(await directory.FindAsync(key.AccessKeyId)); // creating a key forgets any miss recorded for its id
    }
}
