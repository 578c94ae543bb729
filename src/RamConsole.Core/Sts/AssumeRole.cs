using System.Text.RegularExpressions;
using RamConsole.Core.Audit;
using RamConsole.Core.Policies;

namespace RamConsole.Core.Sts;

/// <summary>
/// AssumeRole (STS 2015-04-01): the caller's identity policies must allow sts:AssumeRole on the role and the role's
/// trust policy must trust the caller (DESIGN §3), both decided by the one gate — identity first, before the role is
/// looked up, so a refused caller cannot learn whether it exists; root may not assume roles. Issues a self-contained
/// token for 900 s up to the role's maximum; every issuance is audited (never the secret).
/// </summary>
public sealed partial class AssumeRole(UseCaseServices services, StsTokens tokens, Roles.RoleDirectory roles)
{

    /// <summary>How many role sessions deep a chain may go (a token carries its whole chain).</summary>
    public const int MaxChainDepth = 8;

    public sealed record Request(string RoleArn, string RoleSessionName, int? DurationSeconds = null, string? Policy = null, string? ExternalId = null);

    public sealed record Result(StsSession Session, string SecurityToken);

    [GeneratedRegex("^[A-Za-z0-9.@_-]{2,64}$")]
    private static partial Regex SessionNamePattern();

    public async Task<Result> RunAsync(Caller caller, Request request, CancellationToken cancellationToken = default)
    {
        if (caller.Type == PrincipalKind.Root)
            throw new RamException("NoPermission", "Roles may not be assumed by root accounts.", 403);
        var parent = caller.Type == PrincipalKind.AssumedRole
            ? caller.Session ?? throw new InvalidOperationException("A role session caller carries its session.")
            : null;
        if (parent?.Chain?.Count >= MaxChainDepth)
            throw new RamException("InvalidParameter.RoleChain", $"Role sessions may be chained at most {MaxChainDepth} deep; assume this role from a user instead.", 400);
        if (!SessionNamePattern().IsMatch(request.RoleSessionName ?? ""))
            throw RamErrors.Invalid("InvalidParameter.RoleSessionName", "RoleSessionName has 2 to 64 letters, digits, '.', '@', '_' or '-'.", "RoleSessionName");
        var prefix = $"acs:ram::{services.Account.AccountId}:role/";
        if (request.RoleArn is null || !request.RoleArn.StartsWith(prefix, StringComparison.Ordinal))
            throw RamErrors.Invalid("InvalidParameter.RoleArn", $"RoleArn is {prefix}<RoleName>.", "RoleArn");
        var roleName = request.RoleArn[prefix.Length..];
        SessionRequest.CheckPolicy(request.Policy, services.Limits.PolicyDocumentLength);

        // Role names are case-insensitive: the decision is taken on the role's own spelling (else a Deny on role/Ops would
        // not bite a request for role/OPS), and a refusal comes before "no such role", so it reveals nothing.
        var role = await roles.FindAsync(roleName, cancellationToken);
        var roleArn = role?.Arn ?? Account.Arns.Role(services.Account.AccountId, roleName);
        await services.Gate.DemandAsync(caller, StsActions.AssumeRole, roleArn, null, cancellationToken, RamAuthorizer.ExternalIdContext(request.ExternalId));
        if (role is null) throw RamErrors.NotFound("Role", roleName);
        await services.Gate.DemandTrustAsync(caller, role.Trust, roleArn, request.ExternalId, cancellationToken);
        var duration = SessionRequest.Duration(request.DurationSeconds, role.MaxSessionDuration);
        var (session, token) = tokens.Issue(services.Account.AccountId, role.Id, role.Name, request.RoleSessionName!, caller.Arn,
            TimeSpan.FromSeconds(duration), string.IsNullOrEmpty(request.Policy) ? null : request.Policy, caller.MfaPresent, parent);
        await services.Audit.RecordAsync(AuditEntry.For(caller, StsActions.AssumeRole, roleArn) with
        {
            After = new
            {
                session.AccessKeyId, session.Arn, session.Expiration, DurationSeconds = duration, HasSessionPolicy = session.SessionPolicy is not null,
                session.MfaPresent, session.Chain,
            },
        }, cancellationToken);
        return new Result(session, token);
    }
}
