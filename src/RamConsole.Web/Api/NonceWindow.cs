using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RamConsole.Web.Api;

/// <summary>
/// Signature nonces seen within the timestamp window (±15 minutes): a (key, nonce) pair used twice in that time is a
/// replay. Built for tens of thousands of calls a second, which means millions of live nonces:
/// <list type="bullet">
/// <item>a nonce is kept as 64 bits of SHA-256(key, nonce) — no strings, so the garbage collector has nothing to trace
/// and an entry costs ~20 bytes (a false "replay" needs a 64-bit collision among live nonces, ~10⁻¹² at 20k/s);</item>
/// <item>entries live in one-minute buckets by when they may be forgotten (the request's timestamp + 15 minutes), so
/// expiry drops whole buckets instead of sweeping entries, and a bucket's storage is reused;</item>
/// <item>64 lock stripes, so concurrent calls rarely wait for each other.</item>
/// </list>
/// Past <see cref="MaxEntries"/> live nonces calls are throttled rather than left unprotected.
/// </summary>
public sealed class NonceWindow(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public const int MaxEntries = 16_000_000;
    private const int StripeCount = 64;

    // Forget-after times range over [now, now + 30 min] (timestamps may be 15 minutes ahead); 33 one-minute slots
    // cover that, so two live buckets never share a slot.
    private const int Slots = 33;

    private readonly Stripe[] _stripes = [.. Enumerable.Range(0, StripeCount).Select(_ => new Stripe())];

    /// <summary>True the first time a (key, nonce) pair is seen while its request's timestamp is in the window.</summary>
    public bool TryUse(string accessKeyId, string nonce, DateTimeOffset requestTime)
    {
        var hash = Hash(accessKeyId, nonce);
        var now = Minute(time.GetUtcNow());
        var forgetAt = Math.Max(Minute(requestTime + Window), now);
        var stripe = _stripes[(int)(hash % StripeCount)];
        lock (stripe)
        {
            if (stripe.Contains(hash, now)) return false;
            if (stripe.LiveCount(now) >= MaxEntries / StripeCount)
                throw new Core.Errors.RamException("Throttling", "Too many requests in the signature window; retry shortly.", 429);
            stripe.Add(hash, forgetAt, now);
            return true;
        }
    }

    /// <summary>Live nonces (approximate while calls are in flight).</summary>
    public int Count
    {
        get
        {
            var now = Minute(time.GetUtcNow());
            var count = 0;
            foreach (var stripe in _stripes)
            {
                lock (stripe) count += stripe.LiveCount(now);
            }
            return count;
        }
    }

    private static long Minute(DateTimeOffset instant) => instant.UtcTicks / TimeSpan.TicksPerMinute;

    private static ulong Hash(string accessKeyId, string nonce)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(accessKeyId + "\n" + nonce), digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }

    /// <summary>One lock's share: a ring of minute buckets. Callers hold the stripe's lock.</summary>
    private sealed class Stripe
    {
        private readonly HashSet<ulong>[] _buckets = [.. Enumerable.Range(0, Slots).Select(_ => new HashSet<ulong>())];
        private readonly long[] _minutes = new long[Slots];

        public bool Contains(ulong hash, long now)
        {
            for (var i = 0; i < Slots; i++)
            {
                if (_minutes[i] >= now && _buckets[i].Contains(hash)) return true;
            }
            return false;
        }

        public void Add(ulong hash, long forgetAt, long now)
        {
            var slot = (int)(forgetAt % Slots);
            if (_minutes[slot] != forgetAt)
            {
                _buckets[slot].Clear(); // the slot's previous minute has passed: its nonces may be forgotten
                _minutes[slot] = forgetAt;
            }
            _buckets[slot].Add(hash);
        }

        public int LiveCount(long now)
        {
            var count = 0;
            for (var i = 0; i < Slots; i++)
            {
                if (_minutes[i] >= now) count += _buckets[i].Count;
            }
            return count;
        }
    }
}
