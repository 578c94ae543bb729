using System.Security.Cryptography;
using System.Text;
using RamConsole.Core.Cluster;
using StackExchange.Redis;

namespace RamConsole.Web.Api;

/// <summary>
/// Where a signature nonce is spent. One node: this process's <see cref="NonceWindow"/>. Several nodes
/// (<c>Redis:Configuration</c> set): Redis, with <c>SET key NX</c> and an expiry at the end of the request's timestamp
/// window, so a nonce used on one node is refused on every other. Rules: the key is a hash of (AccessKeyId, nonce),
/// never the values; when Redis cannot be reached the call is refused with 503 — a nonce is never assumed unused.
/// </summary>
public sealed class SignatureNonces(NonceWindow local, SharedRedis redis, TimeProvider time)
{
    public async ValueTask<bool> TryUseAsync(string accessKeyId, string nonce, DateTimeOffset requestTime)
    {
        if (!redis.IsConfigured) return local.TryUse(accessKeyId, nonce, requestTime);
        var keep = requestTime + NonceWindow.Window - time.GetUtcNow();
        if (keep < TimeSpan.FromSeconds(1)) keep = TimeSpan.FromSeconds(1);
        try
        {
            return await redis.Database.StringSetAsync(Key(accessKeyId, nonce), "1", keep, When.NotExists);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            throw new Core.Errors.RamException("ServiceUnavailable", "The signature nonce cannot be checked right now; try again shortly.", 503);
        }
    }

    // 128 bits of SHA-256 (a collision among live nonces is out of reach) keep each of the millions of keys a busy
    // window holds short: ~50 bytes of key.
    private static RedisKey Key(string accessKeyId, string nonce) =>
        SharedRedis.KeyPrefix + "nonce:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(accessKeyId + "\n" + nonce)).AsSpan(0, 16));
}
