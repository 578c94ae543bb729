using RamConsole.Core.Audit;
using RamConsole.Policy.Documents;
using RamConsole.Policy.Evaluation;

namespace RamConsole.Core.Authorization;

/// <summary>
/// The one gate (STYLE: "one gate for authorization"). Use cases reach it through <see cref="UseCaseServices"/>,
/// which opens no database before it has answered. Rules, each proved by a test:
/// <list type="bullet">
/// <item>Root is not restricted by policies (DESIGN §2); everyone else is decided by the policy engine over their
/// effective policies (a role session: the role's policies AND its session policy) with the request's context.</item>
/// <item>An action is decided under exactly its own name (<see cref="RamActions"/>), and a refusal is audited here,
/// under that same name, so no use case can forget to.</item>
/// <item>A RAM resource is decided on its name's stored spelling (<see cref="CanonicalNames"/>): names are
/// case-insensitive, policy resources are not, and a Deny must bite whatever casing a request uses.</item>
/// <item>AssumeRole is decided in two halves by this same gate: the caller's own policies first (before the role is
/// looked up, so a refused caller learns nothing about it), then the role's trust policy.</item>
/// </list>
/// </summary>
public sealed class RamAuthorizer(AuditTrail audit, EffectivePolicies effective, TimeProvider time, Account.RamAccount account, CanonicalNames names,
    Cluster.RamMetrics metrics)
{
    public Task<GateDecision> DecideAsync(Caller caller, string action, string resourceArn, CancellationToken cancellationToken = default) =>
        DecideAsync(caller, action, resourceArn, extraContext: null, cancellationToken);

    private async Task<GateDecision> DecideAsync(Caller caller, string action, string resourceArn, IReadOnlyDictionary<string, string>? extraContext,
        CancellationToken cancellationToken)
    {
        if (caller.Type == PrincipalKind.Root) return GateDecision.Allow("Root is not restricted by policies.");
        resourceArn = await names.CanonicalAsync(resourceArn, cancellationToken);
        var (identity, session) = await SetsOfAsync(caller, cancellationToken);
        var context = ContextOf(caller, extraContext);
        return FromDecision(PolicyEngine.Evaluate(identity, session, action, resourceArn, in context));
    }

    public Task DemandAsync(Caller caller, string action, string resourceArn, CancellationToken cancellationToken = default) =>
        DemandAsync(caller, action, resourceArn, selfService: null, cancellationToken);

    /// <summary>
    /// Throws <c>NoPermission</c> (403) and records the denial unless <paramref name="caller"/> may do it.
    /// <paramref name="extraContext"/> holds the action's own condition keys (<c>sts:ExternalId</c>, <c>kvstore:AccountPrivilege</c>).
    /// </summary>
    public async Task DemandAsync(Caller caller, string action, string resourceArn, SelfService? selfService, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? extraContext = null)
    {
        var decision = await DecideAsync(caller, action, resourceArn, extraContext, cancellationToken);
        if (decision.Allowed) return;
        if (selfService is not null && decision.NoPermissionType != "ExplicitDeny" && caller.Type == PrincipalKind.User
            && string.Equals(caller.Name, selfService.UserName, StringComparison.OrdinalIgnoreCase)
            && await selfService.AllowedBySettings(cancellationToken)) return;
        await RefuseAsync(caller, action, await names.CanonicalAsync(resourceArn, cancellationToken), decision, cancellationToken);
    }

    /// <summary>AssumeRole's second half: the role's trust policy must trust the caller (the first half is <see cref="DemandAsync(Caller, string, string, SelfService?, CancellationToken, IReadOnlyDictionary{string, string}?)"/>).</summary>
    public async Task DemandTrustAsync(Caller caller, PolicyRef trust, string roleArn, string? externalId, CancellationToken cancellationToken)
    {
        var context = ContextOf(caller, ExternalIdContext(externalId));
        var decision = FromDecision(PolicyEngine.EvaluateTrust(trust, TrustCallerOf(caller), in context));
        if (!decision.Allowed) await RefuseAsync(caller, StsActions.AssumeRole, roleArn, decision, cancellationToken);
    }

    /// <summary>
    /// A federated AssumeRole (SAML, OIDC): the call is anonymous — a verified assertion or token is its credential — so
    /// there are no identity policies to ask; the role's trust policy alone decides, for the identity provider by its ARN
    /// (only a <c>Federated</c> principal entry can name it), with the keys the verified assertion or token filled
    /// (<c>saml:recipient</c>, <c>oidc:iss</c>, <c>oidc:aud</c>, <c>oidc:sub</c>…). A refusal is audited under the call's own action.
    /// </summary>
    public async Task DemandFederatedTrustAsync(Sts.FederatedPrincipal who, PolicyRef trust, string roleArn, CancellationToken cancellationToken)
    {
        var context = new RequestContext
        {
            SourceIp = who.Origin.SourceIp,
            SecureTransport = who.Origin.SecureTransport ? "true" : "false",
            MfaPresent = who.MfaPresent ? "true" : "false",
            CurrentTime = Policy.Matching.IsoTime.ToIso(time.GetUtcNow()),
            PrincipalArn = who.ProviderArn,
            Extra = who.TrustKeys,
        };
        var decision = FromDecision(PolicyEngine.EvaluateTrust(trust, new TrustCaller(who.ProviderArn, account.AccountId, Federated: true), in context));
        if (decision.Allowed) return;
        await audit.RecordAsync(who.AuditEntry(roleArn) with
        {
            Result = AuditResult.Denied,
            ErrorCode = "NoPermission",
            Detail = new { who.Subject, who.Issuer, decision.NoPermissionType, decision.PolicyType, decision.Reason },
        }, cancellationToken);
        throw new RamException("NoPermission", $"You are not authorized to do action: {who.Action} on resource: {roleArn}. {decision.Reason}", 403)
        {
            AccessDenied = new AccessDeniedDetail(who.Action, "Federated", who.Subject, decision.PolicyType, decision.NoPermissionType),
        };
    }

    /// <summary>
    /// The whole AssumeRole decision for <paramref name="caller"/> against any role (trust policy, role ARN), with its
    /// policies and context looked up once, so a page can check many roles cheaply. Decides; refuses nothing.
    /// </summary>
    public async Task<Func<PolicyRef, string, Decision>> AssumeRoleCheckerAsync(Caller caller, CancellationToken cancellationToken)
    {
        var (identity, session) = await SetsOfAsync(caller, cancellationToken);
        var context = ContextOf(caller);
        var trustCaller = TrustCallerOf(caller);
        return (trust, roleArn) =>
        {
            var byIdentity = PolicyEngine.Evaluate(identity, session, StsActions.AssumeRole, roleArn, in context);
            return byIdentity.IsAllowed ? PolicyEngine.EvaluateTrust(trust, trustCaller, in context) : byIdentity;
        };
    }

    private async Task<(PolicySet Identity, PolicySet? Session)> SetsOfAsync(Caller caller, CancellationToken cancellationToken) => caller.Type switch
    {
        PrincipalKind.User => (await effective.ForUserAsync(caller.Name, cancellationToken), null),
        // A role session: the role's policies, AND the session policy it was issued with.
        _ => (await effective.ForRoleAsync(caller.Name, cancellationToken), caller.SessionPolicy is { } text ? SessionSet(text) : null),
    };

    // A role session is trusted under its role's ARN (role chaining names the role, not the session).
    private TrustCaller TrustCallerOf(Caller caller) =>
        new(caller.Type == PrincipalKind.AssumedRole ? Account.Arns.Role(account.AccountId, caller.Name) : caller.Arn, account.AccountId);

    private async Task RefuseAsync(Caller caller, string action, string resourceArn, GateDecision decision, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(AuditEntry.For(caller, action, resourceArn) with
        {
            Result = AuditResult.Denied,
            ErrorCode = "NoPermission",
            Detail = new { decision.NoPermissionType, decision.PolicyType, decision.Reason },
        }, cancellationToken);

        throw new RamException("NoPermission", $"You are not authorized to do action: {action} on resource: {resourceArn}. {decision.Reason}", 403)
        {
            AccessDenied = new AccessDeniedDetail(action, caller.Type == PrincipalKind.AssumedRole ? "AssumedRoleUser" : "SubUser",
                caller.DisplayName, decision.PolicyType, decision.NoPermissionType),
        };
    }

    // Session policies compiled once per distinct text (a token is used for many requests), bounded.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PolicySet> _sessions = new(StringComparer.Ordinal);

    private PolicySet SessionSet(string text)
    {
        if (_sessions.TryGetValue(text, out var set)) return set;
        set = new PolicySet([new PolicyRef("SessionPolicy", "v1", PolicyRef.Inline, PolicyParser.Parse(text, maxLength: int.MaxValue).Document!)], PolicyRole.SessionPolicy);
        if (_sessions.Count < 10_000) _sessions[text] = set;
        return set;
    }

    /// <summary>The condition keys the server fills (DESIGN §3), as the strings a policy compares; <c>sts:ExternalId</c> on AssumeRole.</summary>
    public RequestContext ContextOf(Caller caller, IReadOnlyDictionary<string, string>? extraContext = null)
    {
        var context = new RequestContext
        {
            SourceIp = caller.SourceIp,
            MfaPresent = caller.MfaPresent ? "true" : "false",
            SecureTransport = caller.SecureTransport ? "true" : "false",
            CurrentTime = Policy.Matching.IsoTime.ToIso(time.GetUtcNow()),
            PrincipalArn = caller.Arn,
            AccessId = caller.AccessKeyId,
        };
        return extraContext is null ? context : context with { Extra = extraContext };
    }

    /// <summary>AssumeRole's own condition key, when the request has one.</summary>
    public static IReadOnlyDictionary<string, string>? ExternalIdContext(string? externalId) => externalId is null ? null
        : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [ContextKeys.ExternalId] = externalId };

    private GateDecision FromDecision(Decision decision)
    {
        metrics.Decision(decision.Kind.ToString());
        return Describe(decision);
    }

    private static GateDecision Describe(Decision decision) => decision.Kind switch
    {
        DecisionKind.Allow => GateDecision.Allow($"Allowed by {decision.Policy!.Name} {decision.Policy.Version} Statement[{decision.StatementIndex}]."),
        DecisionKind.ExplicitDeny => new GateDecision(false, "ExplicitDeny", decision.Role.ToString(),
            $"Explicitly denied by {decision.Policy!.Name} {decision.Policy.Version} Statement[{decision.StatementIndex}]."),
        _ => new GateDecision(false, "ImplicitDeny", decision.Role.ToString(), "No policy allows this action."),
    };
}
