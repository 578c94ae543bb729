using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Caching;
using RamConsole.Core.Sessions;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;

namespace RamConsole.Core.Tests.Caching;

/// <summary>A value read just before a change commits, and stored just after, is not served afterwards.</summary>
public sealed class GenerationCacheTests
{
    [Fact]
    public void A_value_loaded_before_an_invalidation_is_not_served_after_it()
    {
        var cache = new GenerationCache<string, int>(10);
        var stamp = cache.Stamp; // a reader starts loading
        cache.Invalidate();      // a writer commits meanwhile
        cache.Set("a", stamp, 1); // the reader stores what it loaded

        Assert.False(cache.TryGet("a", out _));
        cache.Set("a", cache.Stamp, 2);
        Assert.True(cache.TryGet("a", out var value));
        Assert.Equal(2, value);
    }

    [Fact]
    public void An_update_neither_resurrects_an_invalidated_value_nor_overwrites_a_newer_one()
    {
        var cache = new GenerationCache<string, int>(10);
        cache.Set("a", cache.Stamp, 1);
        cache.Invalidate();
        cache.Update("a", 1, 5);
        Assert.False(cache.TryGet("a", out _));

        cache.Set("a", cache.Stamp, 2);
        cache.Update("a", 1, 5); // 1 is no longer what is stored
        Assert.True(cache.TryGet("a", out var value));
        Assert.Equal(2, value);
        cache.Update("a", 2, 3);
        Assert.True(cache.TryGet("a", out value));
        Assert.Equal(3, value);
    }

    [Fact]
    public void A_full_cache_starts_over_instead_of_growing()
    {
        var cache = new GenerationCache<int, int>(3);
        for (var i = 0; i < 3; i++) cache.Set(i, cache.Stamp, i);
        cache.Set(1, cache.Stamp, 10); // replacing does not count
        Assert.Equal(3, cache.Count);
        cache.Set(3, cache.Stamp, 3);
        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet(3, out _));
    }

    [Fact]
    public async Task A_session_ended_while_it_is_being_checked_is_ended_at_the_next_check()
    {
        await using var host = await CoreHost.StartAsync();
        var (alice, session) = await host.SignedInAsync("alice", "Alice-Passw0rd-123-Zt9q");
        var factory = new InterleavingDbFactory(host);
        var sessions = new ConsoleSessions(factory, host.Time, host.Use<RamConsole.Core.Settings.SecuritySettingsStore>());
        factory.Arm(async () =>
        {
            await host.Use<UserSessions>().EndAsync(host.Root, "alice", null);
            sessions.Forget(); // what the commit path does after the commit
        });

        Assert.True(await sessions.IsActiveAsync(session.Id, alice.Id)); // it read the row before the end committed
        Assert.False(factory.Armed);
        Assert.False(await sessions.IsActiveAsync(session.Id, alice.Id));
    }

    [Fact]
    public async Task A_key_disabled_while_it_is_being_looked_up_is_refused_at_its_next_use()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("bot"));
        var key = await host.Use<AccessKeyUseCases>().CreateAsync(host.Root, "bot");
        var factory = new InterleavingDbFactory(host);
        var directory = new AccessKeyDirectory(factory, host.Services.GetRequiredService<IDataProtectionProvider>(), host.Time);
        factory.Arm(async () =>
        {
            await host.Use<AccessKeyUseCases>().UpdateStatusAsync(host.Root, "bot", key.AccessKeyId, AccessKeyStatus.Inactive);
            directory.Forget(); // what the commit path does after the commit
        });

        Assert.Equal(AccessKeyStatus.Active, (await directory.FindAsync(key.AccessKeyId))!.Status);
        Assert.False(factory.Armed);
        Assert.Equal(AccessKeyStatus.Inactive, (await directory.FindAsync(key.AccessKeyId))!.Status);
    }
}
