using RamConsole.Core.Federation.Saml;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Federation;

/// <summary>
/// IMS CreateSAMLProvider, GetSAMLProvider, ListSAMLProviders, UpdateSAMLProvider, DeleteSAMLProvider: each decided
/// as its own action on <c>acs:ram::&lt;uid&gt;:saml-provider/&lt;name&gt;</c> and audited. Metadata is validated on
/// every write (<see cref="SamlIdpMetadata.Parse"/>). Deleting a provider also cuts off every STS session obtained
/// through it (its ARN is the sessions' source), so a removed IdP's assertions stop working everywhere at once.
/// </summary>
public sealed class SamlProviders(UseCaseServices services, TrustingRoles trustingRoles)
{
    /// <summary>Alibaba's limit of SAML providers per account.</summary>
    public const int MaxProviders = 100;

    public sealed record CreateRequest(string Name, string EncodedMetadata, string? Description = null);

    public sealed record UpdateRequest(string Name, string? NewEncodedMetadata = null, string? NewDescription = null);

    public async Task<SamlProviderView> CreateAsync(Caller caller, CreateRequest request, CancellationToken cancellationToken = default)
    {
        var name = ProviderNames.Check(request.Name, "SAMLProviderName");
        var (xml, metadata) = SamlIdpMetadata.ParseEncoded(request.EncodedMetadata, "EncodedSAMLMetadataDocument");
        var description = RamNames.Text(request.Description, "Description", 256);
        await using var change = await services.BeginChangeAsync(caller, RamActions.CreateSAMLProvider, Arn(name), cancellationToken);
        var db = change.Db;
        if (await db.SamlProviders.AnyAsync(p => p.Name == name, cancellationToken)) throw RamErrors.AlreadyExists("SAMLProvider", name, "SAMLProviderName");
        if (await db.SamlProviders.CountAsync(cancellationToken) >= MaxProviders)
            throw RamErrors.LimitExceeded("SAMLProvider", $"The account already has the maximum of {MaxProviders} SAML providers.");
        var now = services.Time.GetUtcNow();
        var provider = new SamlProvider { Name = name, Description = description, MetadataXml = xml, EntityId = metadata.EntityId, CreatedAt = now, UpdatedAt = now };
        db.SamlProviders.Add(provider);
        await change.CommitAsync(null, Snapshot(provider), cancellationToken);
        return View(provider, metadata);
    }

    public async Task<SamlProviderView> GetAsync(Caller caller, string providerName, CancellationToken cancellationToken = default)
    {
        var name = ProviderNames.Check(providerName, "SAMLProviderName");
        await using var db = await services.BeginReadAsync(caller, RamActions.GetSAMLProvider, Arn(name), cancellationToken);
        var provider = await FindAsync(db, name, cancellationToken);
        return View(provider, SamlIdpMetadata.Parse(provider.MetadataXml, "EncodedSAMLMetadataDocument"));
    }

    public async Task<(IReadOnlyList<SamlProviderView> Providers, int TotalCount)> ListAsync(Caller caller, int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await services.BeginReadAsync(caller, RamActions.ListSAMLProviders, Arn("*"), cancellationToken);
        var total = await db.SamlProviders.CountAsync(cancellationToken);
        var rows = await db.SamlProviders.AsNoTracking().OrderBy(p => p.Name).Skip(Math.Max(offset, 0)).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(cancellationToken);
        return ([.. rows.Select(p => View(p, SamlIdpMetadata.TryParse(p.MetadataXml)))], total);
    }

    public async Task<SamlProviderView> UpdateAsync(Caller caller, UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var name = ProviderNames.Check(request.Name, "SAMLProviderName");
        var parsed = request.NewEncodedMetadata is null ? ((string, SamlIdpMetadata)?)null
            : SamlIdpMetadata.ParseEncoded(request.NewEncodedMetadata, "NewEncodedSAMLMetadataDocument");
        var description = request.NewDescription is null ? null : RamNames.Text(request.NewDescription, "NewDescription", 256) ?? "";
        var (change, provider) = await services.BeginChangeOfAsync(caller, RamActions.UpdateSAMLProvider, Arn(name),
            db => FindAsync(db, name, cancellationToken), cancellationToken);
        await using var _ = change;
        var before = Snapshot(provider);
        if (parsed is var (xml, metadata))
        {
            provider.MetadataXml = xml;
            provider.EntityId = metadata.EntityId;
        }
        if (description is not null) provider.Description = description.Length == 0 ? null : description;
        provider.UpdatedAt = services.Time.GetUtcNow();
        await change.CommitAsync(before, Snapshot(provider), cancellationToken);
        return View(provider, parsed?.Item2 ?? SamlIdpMetadata.Parse(provider.MetadataXml, "EncodedSAMLMetadataDocument"));
    }

    public Task DeleteAsync(Caller caller, string providerName, CancellationToken cancellationToken = default)
    {
        var name = ProviderNames.Check(providerName, "SAMLProviderName");
        return ProviderDeletion.RunAsync(services, caller, RamActions.DeleteSAMLProvider, Arn(name), db => FindAsync(db, name, cancellationToken),
            (db, provider) => db.SamlProviders.Remove(provider), provider => Arn(provider.Name), Snapshot, cancellationToken);
    }

    /// <summary>Roles whose trust policy names this provider (shown only to a caller allowed ram:ListRoles; else null).</summary>
    public Task<IReadOnlyList<TrustingRole>?> RolesTrustingAsync(Caller caller, string providerName, CancellationToken cancellationToken = default) =>
        trustingRoles.ListAsync(caller, Arn(ProviderNames.Check(providerName, "SAMLProviderName")), cancellationToken);

    private string Arn(string name) => Account.Arns.SamlProvider(services.Account.AccountId, name);

    private static async Task<SamlProvider> FindAsync(RamDbContext db, string name, CancellationToken cancellationToken) =>
        await db.SamlProviders.SingleOrDefaultAsync(p => p.Name == name, cancellationToken) ?? throw RamErrors.NotFound("SAMLProvider", name);

    private SamlProviderView View(SamlProvider p, SamlIdpMetadata? metadata) => new(p.Name, Arn(p.Name), p.Description, p.EntityId,
        metadata?.SsoRedirectUrl ?? metadata?.SsoPostUrl, p.MetadataXml, Certificates(metadata), p.CreatedAt, p.UpdatedAt);

    internal static IReadOnlyList<CertificateView> Certificates(SamlIdpMetadata? metadata) =>
        [.. (metadata?.SigningCertificates ?? []).Select(c => new CertificateView(c.Subject, c.NotBefore.ToUniversalTime(), c.NotAfter.ToUniversalTime(), c.Thumbprint))];

    // The metadata is public (it is the IdP's published document); its entity id and certificates identify the change.
    private static object Snapshot(SamlProvider p) => new { SAMLProviderName = p.Name, p.Description, p.EntityId,
        MetadataSha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(p.MetadataXml))) };
}
