using System.Text.RegularExpressions;
using RamConsole.Core.Roles;

namespace RamConsole.Core.Sts;

/// <summary>
/// The half of AssumeRoleWithSAML / AssumeRoleWithOIDC (and the console's role SSO) that comes after the assertion or
/// token is verified: find the role, let its trust policy decide for the provider, check the duration and session
/// policy, issue a token like AssumeRole's (its source is the provider's ARN, so deleting the provider or revoking the
/// role's sessions cuts it off) and audit the issuance with the federated subject and issuer.
/// </summary>
public sealed partial class FederatedRoleSessions(UseCaseServices services, StsTokens tokens, RoleDirectory roles)
{
    [GeneratedRegex("^[A-Za-z0-9.@_=,+-]{2,64}$")]
    private static partial Regex SessionNamePattern();

    public sealed record Result(StsSession Session, string SecurityToken, int DurationSeconds);

    /// <summary>The role name a RoleArn of this account names; InvalidParameter.RoleArn otherwise.</summary>
    public string RoleName(string? roleArn)
    {
        var prefix = $"acs:ram::{services.Account.AccountId}:role/";
        if (roleArn is null || !roleArn.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || roleArn.Length == prefix.Length)
            throw RamErrors.Invalid("InvalidParameter.RoleArn", $"RoleArn is {prefix}<RoleName>.", "RoleArn");
        return RamNames.RoleName(roleArn[prefix.Length..]);
    }

    /// <summary>The provider name an ARN of this account names (<paramref name="kind"/>: saml-provider or oidc-provider).</summary>
    public string ProviderName(string? providerArn, string kind, string field)
    {
        var prefix = $"acs:ram::{services.Account.AccountId}:{kind}/";
        if (string.IsNullOrEmpty(providerArn)) throw new RamException("MissingParameter", $"{field} is required.", 400, field);
        if (!providerArn.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || providerArn.Length == prefix.Length)
            throw RamErrors.Invalid($"InvalidParameter.{field}", $"{field} is {prefix}<name>.", field);
        return providerArn[prefix.Length..];
    }

    public static bool IsSessionName(string value) => SessionNamePattern().IsMatch(value);

    public static string SessionName(string? value, string field) => SessionNamePattern().IsMatch(value ?? "")
        ? value!
        : throw RamErrors.Invalid($"InvalidParameter.{field}", $"{field} has 2 to 64 letters, digits or '.@_=,+-'.", field);

    /// <summary>Checks a session policy as AssumeRole does (before anything is verified, so a bad one costs nothing).</summary>
    public void CheckSessionPolicy(string? policy) => SessionRequest.CheckPolicy(policy, services.Limits.PolicyDocumentLength);

    public async Task<Result> IssueAsync(FederatedPrincipal who, string roleName, string sessionName, int? durationSeconds, string? policy,
        CancellationToken cancellationToken)
    {
        var role = await roles.FindAsync(roleName, cancellationToken)
            ?? throw new RamException("EntityNotExist.RoleArn", $"The role {roleName} does not exist.", 404, "RoleArn");
        await services.Gate.DemandFederatedTrustAsync(who, role.Trust, role.Arn, cancellationToken);
        var duration = SessionRequest.Duration(durationSeconds, role.MaxSessionDuration);
        var (session, token) = tokens.Issue(services.Account.AccountId, role.Id, role.Name, sessionName, who.ProviderArn, TimeSpan.FromSeconds(duration),
            string.IsNullOrEmpty(policy) ? null : policy, who.MfaPresent);
        await services.Audit.RecordAsync(who.AuditEntry(role.Arn) with
        {
            After = new
            {
                session.AccessKeyId, session.Arn, session.Expiration, DurationSeconds = duration, HasSessionPolicy = session.SessionPolicy is not null,
                session.MfaPresent, who.Subject, who.Issuer,
            },
        }, cancellationToken);
        return new Result(session, token, duration);
    }
}
