using RamConsole.Core.Errors;
using RamConsole.Core.Federation;
using RamConsole.Policy.Catalog;
using static RamConsole.Web.Api.Rpc;

namespace RamConsole.Web.Api.Operations;

/// <summary>
/// IMS 2019-08-15 identity providers and user SSO settings, shaped as the official <c>@alicloud/ims20190815</c> SDK reads
/// them: <c>{"SAMLProvider":{…}}</c>, <c>{"OIDCProviders":{"OIDCProvider":[…]}}</c>, client ids and fingerprints as
/// comma-separated strings, <c>{"UserSsoSettings":{…}}</c> with the metadata in base64.
/// </summary>
internal static class SsoProviderOperations
{
    public static IReadOnlyDictionary<string, ApiOperation> All { get; } = new Dictionary<string, ApiOperation>
    {
        ["CreateSAMLProvider"] = Op(RamActions.CreateSAMLProvider, async c => new { SAMLProvider = Saml(await c.Use<SamlProviders>().CreateAsync(c.Caller,
            new(c.Required("SAMLProviderName"), c.Required("EncodedSAMLMetadataDocument"), c.Optional("Description")), c.CancellationToken)) }),
        ["GetSAMLProvider"] = Op(RamActions.GetSAMLProvider, async c =>
        {
            var p = await c.Use<SamlProviders>().GetAsync(c.Caller, c.Required("SAMLProviderName"), c.CancellationToken);
            return new { SAMLProvider = new { p.Arn, SAMLProviderName = p.Name, p.Description, CreateDate = ApiCall.Date(p.CreateDate), UpdateDate = ApiCall.Date(p.UpdateDate),
                EncodedSAMLMetadataDocument = p.EncodedMetadata } };
        }),
        ["ListSAMLProviders"] = Op(RamActions.ListSAMLProviders, async c =>
        {
            var (offset, limit) = c.Page();
            var (providers, total) = await c.Use<SamlProviders>().ListAsync(c.Caller, offset, limit, c.CancellationToken);
            return ApiCall.Paged(offset, providers.Count, total, "SAMLProviders", new { SAMLProvider = providers.Select(Saml).ToList() });
        }),
        ["UpdateSAMLProvider"] = Op(RamActions.UpdateSAMLProvider, async c => new { SAMLProvider = Saml(await c.Use<SamlProviders>().UpdateAsync(c.Caller,
            new(c.Required("SAMLProviderName"), c.Optional("NewEncodedSAMLMetadataDocument"), c.Optional("NewDescription")), c.CancellationToken)) }),
        ["DeleteSAMLProvider"] = Op(RamActions.DeleteSAMLProvider, c => c.Use<SamlProviders>().DeleteAsync(c.Caller, c.Required("SAMLProviderName"), c.CancellationToken)),

        ["CreateOIDCProvider"] = Op(RamActions.CreateOIDCProvider, async c => new { OIDCProvider = Oidc(await c.Use<OidcProviders>().CreateAsync(c.Caller,
            new(c.Required("OIDCProviderName"), c.Required("IssuerUrl"), c.Required("Fingerprints"), c.Optional("ClientIds"), IssuanceHours(c, "IssuanceLimitTime"),
                c.Optional("Description")), c.CancellationToken)) }),
        ["GetOIDCProvider"] = Op(RamActions.GetOIDCProvider, async c => new { OIDCProvider = Oidc(await c.Use<OidcProviders>().GetAsync(c.Caller, c.Required("OIDCProviderName"), c.CancellationToken)) }),
        ["ListOIDCProviders"] = Op(RamActions.ListOIDCProviders, async c =>
        {
            var (offset, limit) = c.Page();
            var (providers, total) = await c.Use<OidcProviders>().ListAsync(c.Caller, offset, limit, c.CancellationToken);
            return ApiCall.Paged(offset, providers.Count, total, "OIDCProviders", new { OIDCProvider = providers.Select(Oidc).ToList() });
        }),
        ["UpdateOIDCProvider"] = Op(RamActions.UpdateOIDCProvider, async c =>
        {
            // The issuer is the provider: it cannot be changed (create another provider for another issuer).
            if (c.Optional("IssuerUrl") is not null || c.Optional("NewIssuerUrl") is not null)
                throw new RamException("InvalidParameter.IssuerUrl", "IssuerUrl cannot be changed; create a new OIDC provider for another issuer.", 400, "IssuerUrl");
            return new { OIDCProvider = Oidc(await c.Use<OidcProviders>().UpdateAsync(c.Caller, new(c.Required("OIDCProviderName"), c.Optional("ClientIds"),
                IssuanceHours(c, "IssuanceLimitTime"), c.Optional("NewDescription")), c.CancellationToken)) };
        }),
        ["DeleteOIDCProvider"] = Op(RamActions.DeleteOIDCProvider, c => c.Use<OidcProviders>().DeleteAsync(c.Caller, c.Required("OIDCProviderName"), c.CancellationToken)),
        ["AddClientIdToOIDCProvider"] = Op(RamActions.AddClientIdToOIDCProvider, async c => new { OIDCProvider = Oidc(await c.Use<OidcProviders>()
            .AddClientIdAsync(c.Caller, c.Required("OIDCProviderName"), c.Required("ClientId"), c.CancellationToken)) }),
        ["RemoveClientIdFromOIDCProvider"] = Op(RamActions.RemoveClientIdFromOIDCProvider, async c => new { OIDCProvider = Oidc(await c.Use<OidcProviders>()
            .RemoveClientIdAsync(c.Caller, c.Required("OIDCProviderName"), c.Required("ClientId"), c.CancellationToken)) }),
        ["AddFingerprintToOIDCProvider"] = Op(RamActions.AddFingerprintToOIDCProvider, async c => new { OIDCProvider = Oidc(await c.Use<OidcProviders>()
            .AddFingerprintAsync(c.Caller, c.Required("OIDCProviderName"), c.Required("Fingerprint"), c.CancellationToken)) }),
        ["RemoveFingerprintFromOIDCProvider"] = Op(RamActions.RemoveFingerprintFromOIDCProvider, async c => new { OIDCProvider = Oidc(await c.Use<OidcProviders>()
            .RemoveFingerprintAsync(c.Caller, c.Required("OIDCProviderName"), c.Required("Fingerprint"), c.CancellationToken)) }),

        ["SetUserSsoSettings"] = Op(RamActions.SetUserSsoSettings, async c => new { UserSsoSettings = Sso(await c.Use<UserSso>().SetAsync(c.Caller,
            new(c.Optional("MetadataDocument"), c.Bool("SsoEnabled"), c.Optional("AuxiliaryDomain"), c.Bool("SsoLoginWithDomain"), c.Optional("MultiFactorAuthnContexts")),
            c.CancellationToken)) }),
        ["GetUserSsoSettings"] = Op(RamActions.GetUserSsoSettings, async c => new { UserSsoSettings = Sso(await c.Use<UserSso>().GetAsync(c.Caller, c.CancellationToken)) }),
    };

    private static int? IssuanceHours(ApiCall c, string name) =>
        c.Optional(name) is null ? null : c.Int(name, 12, OidcProviderRules.MinIssuanceHours, OidcProviderRules.MaxIssuanceHours);

    private static object Saml(SamlProviderView p) => new
    {
        p.Arn, SAMLProviderName = p.Name, p.Description, CreateDate = ApiCall.Date(p.CreateDate), UpdateDate = ApiCall.Date(p.UpdateDate),
    };

    private static object Oidc(OidcProviderView p) => new
    {
        p.Arn, OIDCProviderName = p.Name, p.IssuerUrl, Fingerprints = string.Join(',', p.Fingerprints), ClientIds = string.Join(',', p.ClientIds),
        p.IssuanceLimitTime, p.Description, CreateDate = ApiCall.Date(p.CreateDate), UpdateDate = ApiCall.Date(p.UpdateDate),
        GmtCreate = ApiCall.Date(p.CreateDate), GmtModified = ApiCall.Date(p.UpdateDate),
    };

    private static object Sso(UserSsoView s) => new
    {
        s.SsoEnabled, MetadataDocument = s.EncodedMetadata, s.AuxiliaryDomain, s.SsoLoginWithDomain,
        MultiFactorAuthnContexts = string.Join(',', s.MultiFactorAuthnContexts),
    };
}
