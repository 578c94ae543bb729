using RamConsole.Core;
using RamConsole.Core.Account;
using RamConsole.Core.Authorization;
using RamConsole.Core.Roles;
using RamConsole.Core.Sts;
using RamConsole.Policy.Catalog;
using static RamConsole.Web.Api.Rpc;

namespace RamConsole.Web.Api.Operations;

/// <summary>STS 2015-04-01: AssumeRole, the federated AssumeRoleWithSAML / AssumeRoleWithOIDC (anonymous), and GetCallerIdentity.</summary>
internal static class StsOperations
{
    public static IReadOnlyDictionary<string, ApiOperation> All { get; } = new Dictionary<string, ApiOperation>
    {
        ["AssumeRole"] = Op(StsActions.AssumeRole, async c =>
        {
            var result = await c.Use<AssumeRole>().RunAsync(c.Caller, new(c.Required("RoleArn"), c.Required("RoleSessionName"),
                c.Optional("DurationSeconds") is null ? null : c.Int("DurationSeconds", SessionDurations.TokenDefaultSeconds, 1, SessionDurations.RoleMaximumSeconds), c.Optional("Policy"), c.Optional("ExternalId")), c.CancellationToken);
            var s = result.Session;
            return new { Credentials = Credentials(s, result.SecurityToken), AssumedRoleUser = new { s.Arn, s.AssumedRoleId } };
        }),
        ["AssumeRoleWithSAML"] = Op(StsActions.AssumeRoleWithSAML, async c =>
        {
            var result = await c.Use<AssumeRoleWithSaml>().RunAsync(c.Origin, new(c.Optional("SAMLProviderArn"), c.Optional("RoleArn"), c.Optional("SAMLAssertion"),
                Duration(c), c.Optional("Policy")), c.CancellationToken);
            var a = result.Assertion;
            return new
            {
                Credentials = Credentials(result.Session, result.SecurityToken),
                AssumedRoleUser = new { result.Session.Arn, result.Session.AssumedRoleId },
                SAMLAssertionInfo = new { a.SubjectType, Subject = a.NameId, a.Recipient, a.Issuer },
            };
        }) with { Anonymous = true },
        ["AssumeRoleWithOIDC"] = Op(StsActions.AssumeRoleWithOIDC, async c =>
        {
            var result = await c.Use<AssumeRoleWithOidc>().RunAsync(c.Origin, new(c.Optional("OIDCProviderArn"), c.Optional("RoleArn"), c.Optional("OIDCToken"),
                c.Optional("RoleSessionName"), Duration(c), c.Optional("Policy")), c.CancellationToken);
            var t = result.Token;
            return new
            {
                Credentials = Credentials(result.Session, result.SecurityToken),
                AssumedRoleUser = new { result.Session.Arn, result.Session.AssumedRoleId },
                OIDCTokenInfo = new
                {
                    t.Subject, t.Issuer, ClientIds = string.Join(',', t.Audiences), IssuanceTime = ApiCall.Date(t.IssuedAt), ExpirationTime = ApiCall.Date(t.Expiration),
                    VerificationInfo = "Success: the OIDC token was verified.",
                },
            };
        }) with { Anonymous = true },
        ["GetCallerIdentity"] = Op(StsActions.GetCallerIdentity, c => Task.FromResult(CallerIdentity(c))) with { GateFree = GateFreeStep.CallerIdentity },
    };

    private static int? Duration(ApiCall c) =>
        c.Optional("DurationSeconds") is null ? null : c.Int("DurationSeconds", SessionDurations.TokenDefaultSeconds, 1, SessionDurations.RoleMaximumSeconds);

    private static object Credentials(StsSession s, string securityToken) =>
        new { s.AccessKeyId, s.AccessKeySecret, SecurityToken = securityToken, Expiration = ApiCall.Date(s.Expiration) };

    private static object CallerIdentity(ApiCall c)
    {
        var accountId = c.Use<RamAccount>().AccountId;
        if (c.Caller.Type != PrincipalKind.AssumedRole)
            return new { AccountId = accountId, c.Caller.Arn, IdentityType = "RAMUser", PrincipalId = c.Caller.Name, UserId = c.Caller.Name };
        // DisplayName is "<role>/<session>"; PrincipalId is Alibaba's AssumedRoleId form.
        return new { AccountId = accountId, c.Caller.Arn, IdentityType = "AssumedRoleUser", PrincipalId = c.Caller.DisplayName.Replace('/', ':'), RoleId = c.Caller.Name };
    }
}
