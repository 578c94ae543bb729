using System.Collections.Concurrent;
using System.Net.Security;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace RamConsole.Core.Federation.Oidc;

/// <summary>
/// Each OIDC provider's signing keys: its discovery document and JWKS, fetched over https with the provider's pinned
/// TLS (<see cref="PinnedTls"/>), kept for <see cref="KeyLifetime"/>, fetched again when a token names an unknown
/// <c>kid</c> (the IdP rolled its key) — at most once per <see cref="MinRefreshInterval"/>, so made-up kids cannot
/// turn this service into a flood against the IdP. Dropped whole when any provider changes (its fingerprints or issuer
/// may have), so a removed fingerprint is not honoured by a connection or key set made before.
/// </summary>
public sealed class OidcIssuerKeys(TimeProvider time) : Changes.ICommittedStateCache, IDisposable
{
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(1), MinRefreshInterval = TimeSpan.FromSeconds(10);
    private const int MaxDocumentBytes = 512 * 1024;

    private sealed record Entry(HttpClient Client, IReadOnlyList<SecurityKey> Keys, DateTimeOffset FetchedAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _fetching = new(StringComparer.OrdinalIgnoreCase);

    public Changes.Touched BuiltFrom => Changes.Touched.IdentityProviders;

    public void Forget() => DropAll();

    public void Dispose() => DropAll();

    private void DropAll()
    {
        foreach (var key in _entries.Keys)
        {
            if (_entries.TryRemove(key, out var entry)) entry.Client.Dispose();
        }
    }

    /// <summary>The provider's keys; with <paramref name="kid"/> unknown among them, fetched again (rate-limited) first.</summary>
    public async Task<IReadOnlyList<SecurityKey>> KeysAsync(OidcProviderFacts provider, string? kid, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(provider.Name, out var entry) && now - entry.FetchedAt < KeyLifetime
            && (kid is null || entry.Keys.Any(k => k.KeyId == kid) || now - entry.FetchedAt < MinRefreshInterval))
            return entry.Keys;
        var gate = _fetching.GetOrAdd(provider.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another request may have fetched while this one waited.
            if (_entries.TryGetValue(provider.Name, out entry) && time.GetUtcNow() - entry.FetchedAt < MinRefreshInterval) return entry.Keys;
            var client = entry?.Client ?? NewClient(provider.Fingerprints);
            var keys = await FetchAsync(client, provider.IssuerUrl, cancellationToken);
            _entries[provider.Name] = new Entry(client, keys, time.GetUtcNow());
            return keys;
        }
        finally
        {
            gate.Release();
        }
    }

    private static HttpClient NewClient(IReadOnlySet<string> fingerprints)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, // a redirect could lead to another host; discovery and JWKS are fetched from where they are named
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, chain, errors) => PinnedTls.Accept(certificate, chain, errors, fingerprints) },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10), MaxResponseContentBufferSize = MaxDocumentBytes };
    }

    private static async Task<IReadOnlyList<SecurityKey>> FetchAsync(HttpClient client, string issuer, CancellationToken cancellationToken)
    {
        var discovery = new OpenIdConnectConfiguration(await GetAsync(client, issuer.TrimEnd('/') + "/.well-known/openid-configuration", cancellationToken));
        if (discovery.Issuer != issuer) throw Unreachable($"The discovery document names the issuer {discovery.Issuer}, not {issuer}.");
        if (!Uri.TryCreate(discovery.JwksUri, UriKind.Absolute, out var jwks) || jwks.Scheme != Uri.UriSchemeHttps)
            throw Unreachable("The discovery document has no https jwks_uri.");
        var set = new JsonWebKeySet(await GetAsync(client, jwks.AbsoluteUri, cancellationToken));
        return [.. set.GetSigningKeys()];
    }

    private static async Task<string> GetAsync(HttpClient client, string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(url, cancellationToken);
            if (!response.IsSuccessStatusCode) throw Unreachable($"{url} answered {(int)response.StatusCode}.");
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException e)
        {
            // The TLS refusal (pinned fingerprint, host name) surfaces here as an authentication failure.
            throw Unreachable($"{url} could not be fetched over https with the provider's pinned certificates ({e.HttpRequestError}).");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable($"{url} did not answer in time.");
        }
        catch (ArgumentException)
        {
            throw Unreachable($"{url} did not return a JSON document.");
        }
    }

    private static OidcRejectedException Unreachable(string message) => new(OidcTokenValidator.HttpsUrlInvalidCode, message);
}
