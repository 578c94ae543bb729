using RamConsole.Policy.Documents;

namespace RamConsole.Policy.Evaluation;

/// <summary>
/// The decisions the rest of the product asks for (DESIGN §3): a request against a principal's policies, optionally
/// narrowed by a session policy; and whether a caller may assume a role.
/// </summary>
public static class PolicyEngine
{
    /// <summary>
    /// Identity policies, AND the session policy when there is one (a role session). An explicit deny in either wins;
    /// otherwise both must allow. An implicit deny names the kind of policy that did not allow.
    /// </summary>
    public static Decision Evaluate(PolicySet identity, PolicySet? session, string action, string resource, in RequestContext context)
    {
        var byIdentity = identity.Evaluate(action, resource, in context);
        if (session is null || byIdentity.Kind == DecisionKind.ExplicitDeny) return byIdentity;
        var bySession = session.Evaluate(action, resource, in context);
        if (bySession.Kind == DecisionKind.ExplicitDeny) return bySession;
        if (!byIdentity.IsAllowed) return byIdentity;
        return bySession.IsAllowed ? byIdentity : bySession;
    }

    /// <summary>
    /// AssumeRole: the caller's identity policies must allow <c>sts:AssumeRole</c> on the role's ARN, and the role's
    /// trust policy must allow the caller. An explicit deny from either side wins.
    /// </summary>
    public static Decision CheckAssumeRole(PolicySet callerIdentity, PolicyRef trustPolicy, string roleArn, TrustCaller caller, in RequestContext context)
    {
        var trust = EvaluateTrust(trustPolicy, caller, in context);
        if (trust.Kind == DecisionKind.ExplicitDeny) return trust;
        var identity = caller.Service is null
            ? callerIdentity.Evaluate(AssumeRoleAction, roleArn, in context)
            : new Decision(DecisionKind.Allow, PolicyRole.Identity); // a trusted service has no RAM identity policies
        if (!identity.IsAllowed) return identity;
        return trust;
    }

    public const string AssumeRoleAction = Catalog.StsActions.AssumeRole;

    /// <summary>The trust policy alone: a statement applies when its action matches sts:AssumeRole, it names the caller and its conditions hold.</summary>
    public static Decision EvaluateTrust(PolicyRef trustPolicy, TrustCaller caller, in RequestContext context)
    {
        var scratch = new EvaluationScratch(in context);
        Decision? allow = null;
        foreach (var statement in trustPolicy.Document.Statements)
        {
            if (!statement.MatchesAction(AssumeRoleAction) || statement.Principal is not { } principal || !principal.Trusts(caller)) continue;
            if (!statement.ConditionsHold(ref scratch)) continue;
            if (statement.Effect == Effect.Deny) return new Decision(DecisionKind.ExplicitDeny, PolicyRole.AssumeRolePolicy, trustPolicy, statement.Index);
            allow ??= new Decision(DecisionKind.Allow, PolicyRole.AssumeRolePolicy, trustPolicy, statement.Index);
        }
        return allow ?? new Decision(DecisionKind.ImplicitDeny, PolicyRole.AssumeRolePolicy, trustPolicy);
    }
}
