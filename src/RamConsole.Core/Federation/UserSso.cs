using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using RamConsole.Core.Federation.Saml;

namespace RamConsole.Core.Federation;

/// <summary>What GetUserSsoSettings shows: the settings and, for the console, the metadata's certificates and our SP facts.</summary>
public sealed record UserSsoView(bool SsoEnabled, string? MetadataXml, string? IdpEntityId, string? AuxiliaryDomain, bool SsoLoginWithDomain,
    IReadOnlyList<string> MultiFactorAuthnContexts, IReadOnlyList<CertificateView> Certificates, string DefaultDomain, string? SpEntityId, string? AcsUrl)
{
    public string? EncodedMetadata => MetadataXml is null ? null : Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(MetadataXml));
}

/// <summary>
/// IMS SetUserSsoSettings and GetUserSsoSettings, decided as <c>ram:SetUserSsoSettings</c> / <c>ram:GetUserSsoSettings</c>
/// on the account and audited. Rules: SSO cannot be switched on without valid metadata; the metadata is validated as a
/// SAML provider's is; the auxiliary domain is a DNS name. While SSO is on, RAM users cannot sign in with passwords
/// (<see cref="SignIn.PasswordSignIn"/>); root keeps its password and MFA so an IdP outage cannot lock the account out.
/// </summary>
public sealed partial class UserSso(UseCaseServices services, IOptions<SsoOptions> options)
{
    public sealed record Request(string? EncodedMetadata = null, bool? SsoEnabled = null, string? AuxiliaryDomain = null, bool? SsoLoginWithDomain = null,
        string? MultiFactorAuthnContexts = null);

    [GeneratedRegex("^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$")]
    private static partial Regex DomainPattern();

    public async Task<UserSsoView> SetAsync(Caller caller, Request request, CancellationToken cancellationToken = default)
    {
        var metadata = request.EncodedMetadata is { Length: > 0 } encoded ? SamlIdpMetadata.ParseEncoded(encoded, "MetadataDocument") : ((string, SamlIdpMetadata)?)null;
        var domain = request.AuxiliaryDomain is null ? null : request.AuxiliaryDomain.Trim();
        if (domain is { Length: > 0 } && !DomainPattern().IsMatch(domain))
            throw RamErrors.Invalid("InvalidParameter.AuxiliaryDomain", "AuxiliaryDomain is a domain name such as example.com.", "AuxiliaryDomain");
        var contexts = request.MultiFactorAuthnContexts is null ? null
            : string.Join('\n', request.MultiFactorAuthnContexts.Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct());
        if (contexts?.Length > 4096) throw RamErrors.Invalid("InvalidParameter.MultiFactorAuthnContexts.Length", "MultiFactorAuthnContexts is at most 4096 characters.", "MultiFactorAuthnContexts");

        await using var change = await services.BeginChangeAsync(caller, RamActions.SetUserSsoSettings, services.AccountResource, cancellationToken);
        var current = await change.Db.UserSsoSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var before = current ?? new UserSsoSettings();
        var next = before with
        {
            MetadataXml = metadata?.Item1 ?? before.MetadataXml,
            SsoEnabled = request.SsoEnabled ?? before.SsoEnabled,
            AuxiliaryDomain = domain is null ? before.AuxiliaryDomain : domain.Length == 0 ? null : domain.ToLowerInvariant(),
            SsoLoginWithDomain = request.SsoLoginWithDomain ?? before.SsoLoginWithDomain,
            MultiFactorAuthnContexts = contexts ?? before.MultiFactorAuthnContexts,
            UpdatedAt = services.Time.GetUtcNow(),
        };
        if (next.SsoEnabled && next.MetadataXml is null)
            throw RamErrors.Invalid("InvalidParameter.MetadataDocument", "Upload the IdP's metadata (MetadataDocument) before enabling SSO.", "MetadataDocument");
        if (current is null) change.Db.UserSsoSettings.Add(next);
        else change.Db.UserSsoSettings.Update(next);
        await change.CommitAsync(Snapshot(before), Snapshot(next), cancellationToken);
        return View(next);
    }

    public async Task<UserSsoView> GetAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await services.BeginReadAsync(caller, RamActions.GetUserSsoSettings, services.AccountResource, cancellationToken);
        return View(await db.UserSsoSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new UserSsoSettings());
    }

    /// <summary>The account's default domain, <c>&lt;alias&gt;.&lt;suffix&gt;</c>.</summary>
    public string DefaultDomain => $"{services.Account.Alias}.{options.Value.DefaultDomainSuffix}".ToLowerInvariant();

    private UserSsoView View(UserSsoSettings s)
    {
        var metadata = SamlIdpMetadata.TryParse(s.MetadataXml);
        return new UserSsoView(s.SsoEnabled, s.MetadataXml, metadata?.EntityId, s.AuxiliaryDomain, s.SsoLoginWithDomain, s.MultiFactorContextList,
            SamlProviders.Certificates(metadata), DefaultDomain, options.Value.SpEntityId, options.Value.UserAcsUrl);
    }

    private static object Snapshot(UserSsoSettings s) => new
    {
        s.SsoEnabled, s.AuxiliaryDomain, s.SsoLoginWithDomain, s.MultiFactorAuthnContexts,
        MetadataSha256 = s.MetadataXml is null ? null : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s.MetadataXml))),
    };
}
