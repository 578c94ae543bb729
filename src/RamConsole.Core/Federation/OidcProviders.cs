using RamConsole.Core.Persistence;

namespace RamConsole.Core.Federation;

/// <summary>
/// IMS CreateOIDCProvider, GetOIDCProvider, ListOIDCProviders, UpdateOIDCProvider, DeleteOIDCProvider and the client-id
/// and fingerprint additions and removals: each decided as its own action on <c>acs:ram::&lt;uid&gt;:oidc-provider/&lt;name&gt;</c>
/// and audited. The issuer URL is unique and cannot change. A provider keeps at least one fingerprint: the pinned
/// certificate is the only trust anchor for the issuer's TLS (no system store), so without one no token could be verified.
/// Deleting a provider cuts off the STS sessions obtained through it.
/// </summary>
public sealed class OidcProviders(UseCaseServices services, TrustingRoles trustingRoles)
{
    public const int MaxProviders = 100, MaxFingerprints = OidcProviderRules.MaxFingerprints, MaxClientIds = OidcProviderRules.MaxClientIds;

    public sealed record CreateRequest(string Name, string IssuerUrl, string Fingerprints, string? ClientIds = null, int? IssuanceLimitTime = null,
        string? Description = null);

    public sealed record UpdateRequest(string Name, string? ClientIds = null, int? IssuanceLimitTime = null, string? NewDescription = null);

    public async Task<OidcProviderView> CreateAsync(Caller caller, CreateRequest request, CancellationToken cancellationToken = default)
    {
        var name = ProviderNames.Check(request.Name, "OIDCProviderName");
        var issuer = OidcProviderRules.IssuerUrl(request.IssuerUrl);
        var fingerprints = OidcProviderRules.List(request.Fingerprints, "Fingerprints", MaxFingerprints, OidcProviderRules.Fingerprint);
        if (fingerprints.Count == 0) throw new RamException("MissingParameter", "Fingerprints is required: the SHA-1 of the issuer's TLS trust anchor.", 400, "Fingerprints");
        var clientIds = OidcProviderRules.List(request.ClientIds, "ClientIds", MaxClientIds, OidcProviderRules.ClientId);
        var hours = OidcProviderRules.IssuanceLimit(request.IssuanceLimitTime);
        var description = RamNames.Text(request.Description, "Description", 256);
        await using var change = await services.BeginChangeAsync(caller, RamActions.CreateOIDCProvider, Arn(name), cancellationToken);
        var db = change.Db;
        if (await db.OidcProviders.AnyAsync(p => p.Name == name, cancellationToken)) throw RamErrors.AlreadyExists("OIDCProvider", name, "OIDCProviderName");
        if (await db.OidcProviders.AnyAsync(p => p.IssuerUrl == issuer, cancellationToken))
            throw new RamException("EntityAlreadyExists.OIDCProvider.IssuerUrl", $"Another OIDC provider already has the issuer {issuer}.", 409, "IssuerUrl");
        if (await db.OidcProviders.CountAsync(cancellationToken) >= MaxProviders)
            throw RamErrors.LimitExceeded("OIDCProvider", $"The account already has the maximum of {MaxProviders} OIDC providers.");
        var now = services.Time.GetUtcNow();
        var provider = new OidcProvider
        {
            Name = name, IssuerUrl = issuer, Fingerprints = string.Join(',', fingerprints), ClientIds = string.Join(',', clientIds), IssuanceLimitTime = hours,
            Description = description, CreatedAt = now, UpdatedAt = now,
        };
        db.OidcProviders.Add(provider);
        await change.CommitAsync(null, Snapshot(provider), cancellationToken);
        return View(provider);
    }

    public async Task<OidcProviderView> GetAsync(Caller caller, string providerName, CancellationToken cancellationToken = default)
    {
        var name = ProviderNames.Check(providerName, "OIDCProviderName");
        await using var db = await services.BeginReadAsync(caller, RamActions.GetOIDCProvider, Arn(name), cancellationToken);
        return View(await FindAsync(db, name, cancellationToken));
    }

    public async Task<(IReadOnlyList<OidcProviderView> Providers, int TotalCount)> ListAsync(Caller caller, int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await services.BeginReadAsync(caller, RamActions.ListOIDCProviders, Arn("*"), cancellationToken);
        var total = await db.OidcProviders.CountAsync(cancellationToken);
        var rows = await db.OidcProviders.AsNoTracking().OrderBy(p => p.Name).Skip(Math.Max(offset, 0)).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(cancellationToken);
        return ([.. rows.Select(View)], total);
    }

    public async Task<OidcProviderView> UpdateAsync(Caller caller, UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var name = ProviderNames.Check(request.Name, "OIDCProviderName");
        var clientIds = request.ClientIds is null ? null : OidcProviderRules.List(request.ClientIds, "ClientIds", MaxClientIds, OidcProviderRules.ClientId);
        var hours = request.IssuanceLimitTime is null ? (int?)null : OidcProviderRules.IssuanceLimit(request.IssuanceLimitTime);
        var description = request.NewDescription is null ? null : RamNames.Text(request.NewDescription, "NewDescription", 256) ?? "";
        return await ChangeAsync(caller, RamActions.UpdateOIDCProvider, name, p =>
        {
            if (clientIds is not null) p.ClientIds = string.Join(',', clientIds);
            if (hours is not null) p.IssuanceLimitTime = hours.Value;
            if (description is not null) p.Description = description.Length == 0 ? null : description;
        }, cancellationToken);
    }

    public Task<OidcProviderView> AddClientIdAsync(Caller caller, string providerName, string clientId, CancellationToken cancellationToken = default)
    {
        var id = OidcProviderRules.ClientId(clientId, "ClientId");
        return ChangeAsync(caller, RamActions.AddClientIdToOIDCProvider, ProviderNames.Check(providerName, "OIDCProviderName"),
            p => p.ClientIds = Added(p.ClientIdList, id, MaxClientIds, "ClientId"), cancellationToken);
    }

    public Task<OidcProviderView> RemoveClientIdAsync(Caller caller, string providerName, string clientId, CancellationToken cancellationToken = default)
    {
        var id = OidcProviderRules.ClientId(clientId, "ClientId");
        return ChangeAsync(caller, RamActions.RemoveClientIdFromOIDCProvider, ProviderNames.Check(providerName, "OIDCProviderName"),
            p => p.ClientIds = Removed(p.ClientIdList, id, "ClientId", keepOne: false), cancellationToken);
    }

    public Task<OidcProviderView> AddFingerprintAsync(Caller caller, string providerName, string fingerprint, CancellationToken cancellationToken = default)
    {
        var hex = OidcProviderRules.Fingerprint(fingerprint, "Fingerprint");
        return ChangeAsync(caller, RamActions.AddFingerprintToOIDCProvider, ProviderNames.Check(providerName, "OIDCProviderName"),
            p => p.Fingerprints = Added(p.FingerprintList, hex, MaxFingerprints, "Fingerprint"), cancellationToken);
    }

    public Task<OidcProviderView> RemoveFingerprintAsync(Caller caller, string providerName, string fingerprint, CancellationToken cancellationToken = default)
    {
        var hex = OidcProviderRules.Fingerprint(fingerprint, "Fingerprint");
        return ChangeAsync(caller, RamActions.RemoveFingerprintFromOIDCProvider, ProviderNames.Check(providerName, "OIDCProviderName"),
            p => p.Fingerprints = Removed(p.FingerprintList, hex, "Fingerprint", keepOne: true), cancellationToken);
    }

    public Task DeleteAsync(Caller caller, string providerName, CancellationToken cancellationToken = default)
    {
        var name = ProviderNames.Check(providerName, "OIDCProviderName");
        return ProviderDeletion.RunAsync(services, caller, RamActions.DeleteOIDCProvider, Arn(name), db => FindAsync(db, name, cancellationToken),
            (db, provider) => db.OidcProviders.Remove(provider), provider => Arn(provider.Name), Snapshot, cancellationToken);
    }

    public Task<IReadOnlyList<TrustingRole>?> RolesTrustingAsync(Caller caller, string providerName, CancellationToken cancellationToken = default) =>
        trustingRoles.ListAsync(caller, Arn(ProviderNames.Check(providerName, "OIDCProviderName")), cancellationToken);

    private async Task<OidcProviderView> ChangeAsync(Caller caller, string action, string name, Action<OidcProvider> apply, CancellationToken cancellationToken)
    {
        var (change, provider) = await services.BeginChangeOfAsync(caller, action, Arn(name), db => FindAsync(db, name, cancellationToken), cancellationToken);
        await using var _ = change;
        var before = Snapshot(provider);
        apply(provider);
        provider.UpdatedAt = services.Time.GetUtcNow();
        await change.CommitAsync(before, Snapshot(provider), cancellationToken);
        return View(provider);
    }

    private static string Added(IReadOnlyList<string> list, string item, int max, string field)
    {
        if (list.Contains(item, StringComparer.Ordinal))
            throw new RamException($"EntityAlreadyExists.{field}", $"The provider already has the {field} {item}.", 409, field);
        if (list.Count >= max) throw RamErrors.LimitExceeded(field, $"A provider holds at most {max} values of {field}.");
        return string.Join(',', list.Append(item));
    }

    private static string Removed(IReadOnlyList<string> list, string item, string field, bool keepOne)
    {
        if (!list.Contains(item, StringComparer.Ordinal)) throw new RamException($"EntityNotExist.{field}", $"The provider has no {field} {item}.", 404, field);
        if (keepOne && list.Count == 1)
            throw RamErrors.Invalid($"InvalidParameter.{field}", $"A provider keeps at least one {field}: it is the trust anchor of the issuer's TLS. Add the new one first.", field);
        return string.Join(',', list.Where(x => x != item));
    }

    private string Arn(string name) => Account.Arns.OidcProvider(services.Account.AccountId, name);

    private static async Task<OidcProvider> FindAsync(RamDbContext db, string name, CancellationToken cancellationToken) =>
        await db.OidcProviders.SingleOrDefaultAsync(p => p.Name == name, cancellationToken) ?? throw RamErrors.NotFound("OIDCProvider", name);

    private OidcProviderView View(OidcProvider p) => new(p.Name, Arn(p.Name), p.IssuerUrl, p.FingerprintList, p.ClientIdList, p.IssuanceLimitTime,
        p.Description, p.CreatedAt, p.UpdatedAt);

    private static object Snapshot(OidcProvider p) => new { OIDCProviderName = p.Name, p.IssuerUrl, p.Fingerprints, p.ClientIds, p.IssuanceLimitTime, p.Description };
}
