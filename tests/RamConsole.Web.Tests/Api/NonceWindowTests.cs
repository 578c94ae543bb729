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
}
