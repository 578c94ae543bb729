using RamConsole.Core.Federation.Saml;
using RamConsole.Policy.Documents;

namespace RamConsole.Core.Hygiene;

/// <summary>The SSO checks: certificates about to expire, OIDC roles any workload could assume, passwords kept beside SSO.</summary>
internal static partial class HygieneChecks
{
    private static readonly TimeSpan CertificateWarning = TimeSpan.FromDays(30);

    private static async Task<HygieneFinding> ExpiringProviderCertificates(HygieneContext c, CancellationToken ct)
    {
        var flagged = new Collector();
        void Check(string kind, string name, string link, string metadataXml)
        {
            if (SamlIdpMetadata.TryParse(metadataXml) is not { } metadata) return;
            // A roll in progress publishes the new key beside the old: only when every certificate is about to lapse
            // will sign-ins fail, but each expiring one is named so the old one can be removed in time.
            foreach (var certificate in metadata.SigningCertificates.Where(x => new DateTimeOffset(x.NotAfter.ToUniversalTime()) - c.Now <= CertificateWarning))
                flagged.Add(new FlaggedPrincipal(kind, name, link, $"{certificate.Subject} {(certificate.NotAfter.ToUniversalTime() < c.Now.UtcDateTime ? "expired" : "expires")} {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}."));
        }
        await foreach (var p in c.Db.SamlProviders.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Name, p.MetadataXml }).AsAsyncEnumerable().WithCancellation(ct))
            Check("SAMLProvider", p.Name, $"sso/saml/{Uri.EscapeDataString(p.Name)}", p.MetadataXml);
        if (await c.Db.UserSsoSettings.AsNoTracking().Select(s => s.MetadataXml).SingleOrDefaultAsync(ct) is { } userSso) Check("Setting", "User SSO metadata", "sso", userSso);
        return flagged.Finding("provider-certificates-expiring", "Identity provider certificates that expire within 30 days", HygieneSeverity.High,
            "Have the IdP publish its next signing certificate and upload the new metadata (both certificates are accepted during the roll).");
    }

    private static async Task<HygieneFinding> OidcRolesWithoutSubjectOrAudience(HygieneContext c, CancellationToken ct)
    {
        var flagged = new Collector();
        var oidcPrefix = $"acs:ram::{c.AccountId}:oidc-provider/";
        await foreach (var role in c.Db.Roles.AsNoTracking().OrderBy(r => r.Name).Select(r => new { r.Name, r.AssumeRolePolicyDocument }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var trust = Roles.TrustPolicy.Compile(role.Name, role.AssumeRolePolicyDocument).Document;
            foreach (var statement in trust?.Statements.Where(s => s.Effect == Effect.Allow) ?? [])
            {
                if (!(statement.Principal?.Federated ?? []).Any(p => p.StartsWith(oidcPrefix, StringComparison.OrdinalIgnoreCase))) continue;
                var keys = statement.Conditions.Select(k => k.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var missing = new[] { "oidc:sub", "oidc:aud" }.Where(k => !keys.Contains(k)).ToList();
                if (missing.Count == 0) continue;
                flagged.Add(new FlaggedPrincipal("Role", role.Name, $"roles/{Uri.EscapeDataString(role.Name)}", $"Statement {statement.Index} has no {string.Join(" or ", missing)} condition."));
                break;
            }
        }
        return flagged.Finding("oidc-roles-unrestricted", "Roles trusting an OIDC provider without an oidc:sub or oidc:aud condition", HygieneSeverity.High,
            "Name the client (oidc:aud) and the workload (oidc:sub) in the trust policy: otherwise every token the issuer signs — for any repository or service account — can assume the role.");
    }

    private static async Task<HygieneFinding> PasswordsBesideUserSso(HygieneContext c, CancellationToken ct)
    {
        var ssoOn = await c.Db.UserSsoSettings.AsNoTracking().AnyAsync(s => s.SsoEnabled, ct);
        var users = c.Db.Users.Where(u => ssoOn && u.Kind == PrincipalKind.User && u.PasswordHash != null);
        return await UsersAsync(users, "passwords-beside-sso", "User SSO is on, yet users still have console passwords", HygieneSeverity.Medium,
            "Password sign-in is refused while SSO is on, but these passwords work again the moment SSO is switched off: delete the users' login profiles once they sign in through the IdP.", ct);
    }
}
