using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using RamConsole.Core.Cluster;
using RamConsole.Core.Federation.Saml;
using RamConsole.Tests.Shared;

namespace RamConsole.Core.Tests.Cluster;

/// <summary>Several nodes share one Redis: a SAML assertion used on one node is a replay on every other.</summary>
public sealed class SharedReplayTests : IDisposable
{
    private readonly RedisForTests _redis = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private SharedRedis Shared(string configuration) =>
        new(new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create(SharedRedis.ConfigurationKey, (string?)configuration)]).Build());

    [Fact]
    public void An_assertion_used_on_one_node_is_refused_on_another()
    {
        using var a = Shared(_redis.Configuration);
        using var b = Shared(_redis.Configuration);
        var (onA, onB) = (new SamlReplayCache(_time, a), new SamlReplayCache(_time, b));
        var until = _time.GetUtcNow().AddMinutes(5);

        Assert.True(onA.TryUse("https://idp.example", "_assertion-1", until));
        Assert.False(onB.TryUse("https://idp.example", "_assertion-1", until));
        Assert.False(onA.TryUse("https://idp.example", "_assertion-1", until));
        Assert.True(onB.TryUse("https://idp.example", "_assertion-2", until));
        Assert.True(onB.TryUse("https://other-idp.example", "_assertion-1", until)); // ids are per issuer
        Assert.Equal(0, onA.Count); // nothing kept in the process
    }

    [Fact]
    public void An_unreachable_Redis_refuses_the_assertion_instead_of_accepting_it()
    {
        using var gone = Shared($"127.0.0.1:{ClusterNodeProcess.FreePort()},connectTimeout=200,syncTimeout=200");
        var error = Assert.Throws<RamConsole.Core.Errors.RamException>(() =>
            new SamlReplayCache(_time, gone).TryUse("https://idp.example", "_assertion-1", _time.GetUtcNow().AddMinutes(5)));
        Assert.Equal(503, error.HttpStatus);
    }

    public void Dispose() => _redis.Dispose();
}
