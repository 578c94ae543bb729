using System.Globalization;
using RamConsole.Core.Audit;
using RamConsole.Core.Errors;
using RamConsole.Policy.Evaluation;

namespace RamConsole.Core.Authorization;

/// <summary>
/// The one gate (STYLE: "one gate for authorization"). Every use case asks it before touching data, whether called
/// from a page or the API. Root is not restricted by policies (DESIGN §2); everyone else is decided by the policy
/// engine over their effective policies with the request's context. A denial is audited here so no caller can
/// forget to.
/// </summary>
public sealed class RamAuthorizer(AuditTrail audit, EffectivePolicies effective, TimeProvider time)
{
    public async Task<GateDecision> DecideAsync(Caller caller, string action, string resourceArn, CancellationToken cancellationToken = default)
    {
        switch (caller.Type)
        {
            case PrincipalType.Root:
                return GateDecision.Allow("Root is not restricted by policies.");
            case PrincipalType.User:
                var set = await effective.ForUserAsync(caller.Name, cancellationToken);
                var context = ContextOf(caller);
                return FromDecision(PolicyEngine.Evaluate(set, null, action, resourceArn, in context));
            default:
                // A role session: the role's policies, AND the session policy it was issued with.
                var roleSet = await effective.ForRoleAsync(caller.Name, cancellationToken);
                var session = caller.SessionPolicy is { } text ? SessionSet(text) : null;
                var roleContext = ContextOf(caller);
                return FromDecision(PolicyEngine.Evaluate(roleSet, session, action, resourceArn, in roleContext));
        }
    }

    /// <summary>Throws <c>NoPermission</c> (403) and records the denial unless <paramref name="caller"/> may do it.</summary>
    public async Task DemandAsync(Caller caller, string action, string resourceArn, CancellationToken cancellationToken = default)
    {
        var decision = await DecideAsync(caller, action, resourceArn, cancellationToken);
        if (decision.Allowed) return;
        await RefuseAsync(caller, action, resourceArn, decision, cancellationToken);
    }

    /// <summary>
    /// A user acting on their own password, AccessKeys or MFA devices: allowed by policy as usual, or — when the
    /// security setting <paramref name="selfServiceAllowed"/> lets users manage their own — allowed unless a policy
    /// explicitly denies it (as Alibaba's SecurityPreference toggles behave). Anyone else goes through the gate.
    /// </summary>
    public async Task DemandSelfServiceAsync(Caller caller, string action, string resourceArn, string targetUserName, bool selfServiceAllowed,
        CancellationToken cancellationToken = default)
    {
        var decision = await DecideAsync(caller, action, resourceArn, cancellationToken);
        if (decision.Allowed) return;
        var isSelf = caller.Type == PrincipalType.User && string.Equals(caller.Name, targetUserName, StringComparison.OrdinalIgnoreCase);
        if (isSelf && selfServiceAllowed && decision.NoPermissionType != "ExplicitDeny") return;
        await RefuseAsync(caller, action, resourceArn, decision, cancellationToken);
    }

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
            AccessDenied = new AccessDeniedDetail(action, caller.Type == PrincipalType.AssumedRole ? "AssumedRoleUser" : "SubUser",
                caller.DisplayName, decision.PolicyType, decision.NoPermissionType),
        };
    }

    // Session policies compiled once per distinct text (a token is used for many requests), bounded.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PolicySet> _sessions = new(StringComparer.Ordinal);

    private PolicySet SessionSet(string text)
    {
        if (_sessions.TryGetValue(text, out var set)) return set;
        set = new PolicySet([new PolicyRef("SessionPolicy", "v1", PolicyRef.Inline, Policy.Documents.PolicyParser.Parse(text, maxLength: int.MaxValue).Document!)], PolicyRole.SessionPolicy);
        if (_sessions.Count < 10_000) _sessions[text] = set;
        return set;
    }

    /// <summary>The condition keys the server fills (DESIGN §3), as the strings a policy compares.</summary>
    public RequestContext ContextOf(Caller caller) => new()
    {
        SourceIp = caller.SourceIp,
        MfaPresent = caller.MfaPresent ? "true" : "false",
        SecureTransport = caller.SecureTransport ? "true" : "false",
        CurrentTime = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        PrincipalArn = caller.Arn,
        AccessId = caller.AccessKeyId,
    };

    private static GateDecision FromDecision(Decision decision) => decision.Kind switch
    {
        DecisionKind.Allow => GateDecision.Allow($"Allowed by {decision.Policy!.Name} {decision.Policy.Version} Statement[{decision.StatementIndex}]."),
        DecisionKind.ExplicitDeny => new GateDecision(false, "ExplicitDeny", decision.Role.ToString(),
            $"Explicitly denied by {decision.Policy!.Name} {decision.Policy.Version} Statement[{decision.StatementIndex}]."),
        _ => new GateDecision(false, "ImplicitDeny", decision.Role.ToString(), "No policy allows this action."),
    };
}
