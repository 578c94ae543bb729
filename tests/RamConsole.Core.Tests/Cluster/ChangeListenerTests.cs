using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RamConsole.Core.Changes;
using RamConsole.Core.Cluster;

namespace RamConsole.Core.Tests.Cluster;

/// <summary>The rules of hearing other nodes (ChangeListener's header), on its notification handler and the health it keeps.</summary>
public sealed class ChangeListenerTests
{
    private sealed class Recording(Touched builtFrom) : ICommittedStateCache
    {
        public int Forgotten { get; private set; }
        public Touched BuiltFrom => builtFrom;
        public void Forget() => Forgotten++;
    }

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch.AddYears(57));
    private readonly Recording _keys = new(Touched.AccessKeys);
    private readonly Recording _policies = new(Touched.Policies | Touched.Attachments);
    private readonly ClusterNode _node = new();
    private readonly TransportHealth _health;
    private readonly ChangeListener _listener;

    public ChangeListenerTests()
    {
        var options = Options.Create(new ClusterOptions());
        _health = new TransportHealth(_time, options) { Clustered = true };
        _listener = new ChangeListener("Host=unused", new LocalChangeFeed([_keys, _policies]), _node, _health, options, _time, new RamMetrics(), NullLogger<ChangeListener>.Instance);
    }

    [Fact]
    public void Another_nodes_commit_makes_the_caches_built_from_what_it_touched_forget_and_no_others()
    {
        _listener.OnNotification(PostgresChangeFeed.Heartbeat(_node.Id)); // heard: healthy (and everything forgotten once)
        var (keys, policies) = (_keys.Forgotten, _policies.Forgotten);
        _listener.OnNotification(PostgresChangeFeed.Payload("other-node", Touched.AccessKeys, _time.GetUtcNow()));

        Assert.Equal((keys + 1, policies), (_keys.Forgotten, _policies.Forgotten));
        Assert.Equal(1, _listener.Received);
    }

    [Fact]
    public void This_nodes_own_commits_are_not_applied_twice_and_heartbeats_touch_no_cache()
    {
        _listener.OnNotification(PostgresChangeFeed.Heartbeat(_node.Id));
        var (keys, policies) = (_keys.Forgotten, _policies.Forgotten);
        _listener.OnNotification(PostgresChangeFeed.Payload(_node.Id, Touched.AccessKeys, _time.GetUtcNow()));
        _listener.OnNotification(PostgresChangeFeed.Heartbeat("other-node"));

        Assert.Equal((keys, policies), (_keys.Forgotten, _policies.Forgotten));
        Assert.True(_health.IsHealthy);
    }

    [Fact]
    public void A_node_that_hears_nothing_for_the_silent_period_is_not_healthy_and_forgets_everything_when_it_hears_again()
    {
        Assert.False(_health.IsHealthy); // never heard yet
        _listener.OnNotification(PostgresChangeFeed.Heartbeat(_node.Id));
        Assert.True(_health.IsHealthy);
        var (keys, policies) = (_keys.Forgotten, _policies.Forgotten);

        _time.Advance(new ClusterOptions().SilentAfter);
        Assert.False(_health.IsHealthy);

        _listener.OnNotification(PostgresChangeFeed.Heartbeat(_node.Id)); // back: what was missed meanwhile is unknown
        Assert.True(_health.IsHealthy);
        Assert.Equal((keys + 1, policies + 1), (_keys.Forgotten, _policies.Forgotten));
    }

    [Fact]
    public void A_lost_connection_counts_as_silence_at_once()
    {
        _listener.OnNotification(PostgresChangeFeed.Heartbeat(_node.Id));
        _health.Lost();
        Assert.False(_health.IsHealthy);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("node:notanumber:1")]
    [InlineData("node:64")]
    public void A_malformed_payload_is_ignored(string payload)
    {
        _listener.OnNotification(payload);
        Assert.Equal(0, _listener.Received);
    }

    [Fact]
    public void One_node_on_SQLite_has_nothing_to_hear_and_is_always_healthy() =>
        Assert.True(new TransportHealth(_time, Options.Create(new ClusterOptions())).IsHealthy);
}
