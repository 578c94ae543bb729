using Microsoft.Extensions.Configuration;
using RamConsole.Core.Cluster;
using RamConsole.Tests.Shared;
using RamConsole.Web.Api;

namespace RamConsole.Web.Tests.Api;

/// <summary>Several nodes: a signature nonce is spent in the shared Redis, so it is spent for every node; never assumed unused.</summary>
public sealed class SignatureNoncesTests : IDisposable
{
    private readonly RedisForTests _redis = new();

    private static SharedRedis Shared(string? configuration) =>
        new(new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create(SharedRedis.ConfigurationKey, configuration)]).Build());

    private static SignatureNonces Node(SharedRedis redis) => new(new NonceWindow(TimeProvider.System), redis, TimeProvider.System);

    [Fact]
    public async Task A_nonce_spent_on_one_node_is_refused_on_another_and_other_keys_may_use_it()
    {
        using var a = Shared(_redis.Configuration);
        using var b = Shared(_redis.Configuration);
        var now = DateTimeOffset.UtcNow;

        Assert.True(await Node(a).TryUseAsync("LTAIkey1", "nonce-1", now));
        Assert.False(await Node(b).TryUseAsync("LTAIkey1", "nonce-1", now));
        Assert.True(await Node(b).TryUseAsync("LTAIkey2", "nonce-1", now));
    }

    [Fact]
    public async Task The_key_in_Redis_names_neither_the_AccessKey_nor_the_nonce_and_expires_with_the_window()
    {
        using var shared = Shared(_redis.Configuration);
        await Node(shared).TryUseAsync("LTAIsecretive", "nonce-visible", DateTimeOffset.UtcNow);

        await using var client = await RespClient.ConnectAsync("127.0.0.1", _redis.Port);
        var keys = ((object?[])(await client.CommandAsync("KEYS", "*"))!).Cast<string>().ToList();
        var key = Assert.Single(keys);
        Assert.StartsWith("ramconsole:nonce:", key);
        Assert.DoesNotContain("LTAIsecretive", key);
        Assert.DoesNotContain("nonce-visible", key);
        Assert.InRange((long)(await client.CommandAsync("TTL", key))!, 14 * 60, 15 * 60);
    }

    [Fact]
    public async Task One_node_without_Redis_keeps_nonces_in_memory()
    {
        var node = Node(Shared(null));
        Assert.True(await node.TryUseAsync("LTAIkey1", "nonce-1", DateTimeOffset.UtcNow));
        Assert.False(await node.TryUseAsync("LTAIkey1", "nonce-1", DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task An_unreachable_Redis_refuses_the_call_with_503()
    {
        using var gone = Shared($"127.0.0.1:{ClusterNodeProcess.FreePort()},connectTimeout=200,syncTimeout=200,asyncTimeout=200");
        var error = await Assert.ThrowsAsync<Core.Errors.RamException>(async () => await Node(gone).TryUseAsync("LTAIkey1", "nonce-1", DateTimeOffset.UtcNow));
        Assert.Equal(("ServiceUnavailable", 503), (error.Code, error.HttpStatus));
    }

    public void Dispose() => _redis.Dispose();
}
