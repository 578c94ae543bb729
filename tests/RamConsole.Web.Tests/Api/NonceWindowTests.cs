using Microsoft.Extensions.Time.Testing;
using RamConsole.Web.Api;

namespace RamConsole.Web.Tests.Api;

public sealed class NonceWindowTests
{
    [Fact]
    public void A_nonce_is_refused_twice_within_the_window_and_forgotten_after_its_timestamp_leaves_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var window = new NonceWindow(time);
        var sent = time.GetUtcNow();

        Assert.True(window.TryUse("LTAIa", "n-1", sent));
        Assert.False(window.TryUse("LTAIa", "n-1", sent));
        Assert.True(window.TryUse("LTAIb", "n-1", sent)); // nonces are per key

        time.Advance(TimeSpan.FromMinutes(16)); // the request's timestamp is now outside the window: the entry can go
        window.TryUse("LTAIa", "n-2", time.GetUtcNow()); // a later call sweeps
        Assert.Equal(1, window.Count);
    }

    [Fact]
    public void A_request_dated_up_to_the_window_ahead_keeps_its_nonce_until_its_own_timestamp_leaves_the_window()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var window = new NonceWindow(time);
        var ahead = time.GetUtcNow().AddMinutes(14); // a client clock 14 minutes fast is still accepted

        Assert.True(window.TryUse("LTAIa", "n-ahead", ahead));
        time.Advance(TimeSpan.FromMinutes(28)); // now = its timestamp + 14 min: a replay would still pass the timestamp check
        Assert.False(window.TryUse("LTAIa", "n-ahead", ahead));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, window.Count);
    }

    [Fact]
    public void Many_concurrent_nonces_are_each_accepted_once()
    {
        var window = new NonceWindow(TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        var nonces = Enumerable.Range(0, 50_000).Select(i => $"nonce-{i}").ToArray();

        var first = nonces.AsParallel().Count(n => window.TryUse("LTAIa", n, now));
        var again = nonces.AsParallel().Count(n => window.TryUse("LTAIa", n, now));

        Assert.Equal(50_000, first);
        Assert.Equal(0, again);
        Assert.Equal(50_000, window.Count);
    }
}
