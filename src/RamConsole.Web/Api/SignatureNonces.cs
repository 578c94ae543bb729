using System.Security.Cryptography;
using System.Text;
using RamConsole.Core.Cluster;

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
        return await redis.TryClaimAsync(Key(accessKeyId, nonce), requestTime + NonceWindow.Window - time.GetUtcNow(), "The signature nonce");
    }

    // 128 bits of SHA-256 (a collision among live nonces is out of reach) keep each of the millions of keys a busy
    // window holds short: ~50 bytes of key.
    private static string Key(string accessKeyId, string nonce) =>
        "nonce:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(accessKeyId + "\n" + nonce)).AsSpan(0, 16));
}
