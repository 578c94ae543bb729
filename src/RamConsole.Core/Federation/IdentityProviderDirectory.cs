using RamConsole.Core.Caching;
using RamConsole.Core.Federation.Saml;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Federation;

public sealed record SamlProviderFacts(string Name, string Arn, SamlIdpMetadata Metadata);

public sealed record OidcProviderFacts(string Name, string Arn, string IssuerUrl, IReadOnlySet<string> Fingerprints, IReadOnlyList<string> ClientIds,
    int IssuanceLimitHours);

public sealed record UserSsoFacts(bool Enabled, SamlIdpMetadata? Metadata, string? AuxiliaryDomain, bool LoginWithDomain, IReadOnlySet<string> MultiFactorContexts);

/// <summary>
/// Every identity provider and the user SSO settings, compiled (metadata parsed, certificates loaded), for the
/// federated STS calls and SSO sign-in. Accounts hold at most a hundred providers of each kind, so they are loaded
/// together and dropped together whenever a change to any of them commits: a rolled certificate, a removed
/// fingerprint or client id is in force on the very next call.
/// </summary>
public sealed class IdentityProviderDirectory(IDbContextFactory<RamDbContext> dbFactory, Account.RamAccount account) : Changes.ICommittedStateCache
{
    private sealed record Snapshot(IReadOnlyDictionary<string, SamlProviderFacts> Saml, IReadOnlyDictionary<string, OidcProviderFacts> Oidc, UserSsoFacts UserSso);

    private readonly CommittedValue<Snapshot> _snapshot = new();

    public Changes.Touched BuiltFrom => Changes.Touched.IdentityProviders | Changes.Touched.Account;

    public void Forget() => _snapshot.Forget();

    public async Task<SamlProviderFacts?> SamlAsync(string name, CancellationToken cancellationToken = default) =>
        (await GetAsync(cancellationToken)).Saml.GetValueOrDefault(name);

    public async Task<OidcProviderFacts?> OidcAsync(string name, CancellationToken cancellationToken = default) =>
        (await GetAsync(cancellationToken)).Oidc.GetValueOrDefault(name);

    public async Task<IReadOnlyCollection<SamlProviderFacts>> AllSamlAsync(CancellationToken cancellationToken = default) =>
        [.. (await GetAsync(cancellationToken)).Saml.Values];

    public async Task<UserSsoFacts> UserSsoAsync(CancellationToken cancellationToken = default) => (await GetAsync(cancellationToken)).UserSso;

    private Task<Snapshot> GetAsync(CancellationToken cancellationToken) => _snapshot.GetAsync(LoadAsync, cancellationToken);

    private async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var saml = new Dictionary<string, SamlProviderFacts>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in await db.SamlProviders.AsNoTracking().ToListAsync(cancellationToken))
        {
            // Stored metadata was valid when written; if it no longer parses, the provider is left out (refuses all).
            if (SamlIdpMetadata.TryParse(p.MetadataXml) is { } parsed)
                saml[p.Name] = new SamlProviderFacts(p.Name, Account.Arns.SamlProvider(account.AccountId, p.Name), parsed);
        }
        var oidc = new Dictionary<string, OidcProviderFacts>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in await db.OidcProviders.AsNoTracking().ToListAsync(cancellationToken))
        {
            oidc[p.Name] = new OidcProviderFacts(p.Name, Account.Arns.OidcProvider(account.AccountId, p.Name), p.IssuerUrl,
                p.FingerprintList.ToHashSet(StringComparer.OrdinalIgnoreCase), p.ClientIdList, p.IssuanceLimitTime);
        }
        var settings = await db.UserSsoSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new UserSsoSettings();
        var metadata = SamlIdpMetadata.TryParse(settings.MetadataXml);
        var sso = new UserSsoFacts(settings.SsoEnabled && metadata is not null, metadata, settings.AuxiliaryDomain, settings.SsoLoginWithDomain,
            settings.MultiFactorContextList.ToHashSet(StringComparer.Ordinal));
        return new Snapshot(saml, oidc, sso);
    }
}
