using RamConsole.Policy.Documents;
using RamConsole.Policy.Evaluation.Plans;

namespace RamConsole.Policy.Evaluation;

/// <summary>
/// The compiled policies that apply to one principal (or one session policy), ready to decide many requests.
/// <see cref="Decide"/> is the fast path: a compiled plan per action (<see cref="ActionPlan"/>), built on first use and
/// shared with every set of the same policies. <see cref="Evaluate"/> adds the explanation — the deciding policy and
/// statement, the first in document order as DESIGN §3 reports it — found by a plain scan, only when the answer is
/// an Allow or an ExplicitDeny.
/// </summary>
public sealed class PolicySet
{
    private readonly BoundStatement[] _statements;
    private readonly PlanTable _plans;
    private PlanIds _planIds; // the catalogue's plans by action id, inline (see PlanIds)

    public PolicySet(IEnumerable<PolicyRef> policies, PolicyRole role = PolicyRole.Identity)
    {
        Policies = [.. policies];
        Role = role;
        _statements = [.. Policies.SelectMany(p => p.Bound)];
        _plans = PlanTable.For(Policies);
    }

    public static PolicySet Empty(PolicyRole role = PolicyRole.Identity) => new([], role);

    public IReadOnlyList<PolicyRef> Policies { get; }
    public PolicyRole Role { get; }

    /// <summary>The decision alone: any matching Deny wins, else any matching Allow, else implicit deny. Allocates nothing.</summary>
    public DecisionKind Decide(string action, string resource, in RequestContext context)
    {
        var id = PlanActions.Ids.IdOf(action);
        if (id < 0) return DecideUnlisted(action, resource, in context);
        var arena = PlanBuilder.Current;
        var plan = _planIds[id];
        return arena.Has(plan) ? arena.Decide(plan, resource, in context) : DecideFirst(id, resource, in context);
    }

    // An action outside the catalogue met for the first time in the process: given an id while there is room (then on
    // the fast path like the catalogue's), else decided through the set's table.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private DecisionKind DecideUnlisted(string action, string resource, in RequestContext context)
    {
        var id = PlanActions.Ids.Add(action);
        return id < 0 ? _plans.DecideOther(action, resource, in context) : DecideFirst(id, resource, in context);
    }

    // The first request for this action in this set (or in a new arena generation): the shared table has or compiles it.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private DecisionKind DecideFirst(int id, string resource, in RequestContext context)
    {
        var (arena, plan) = _plans.ForAction(id);
        _planIds[id] = plan;
        return arena.Decide(plan, resource, in context);
    }

    /// <summary>
    /// What the process's compiled plans hold (for the benchmarks' report): distinct plans and rules, the bytes of the
    /// plan arena, and the distinct policy lists that share them.
    /// </summary>
    public static PlanStatistics CompiledPlans()
    {
        var (plans, rules, bytes) = PlanBuilder.Statistics;
        return new PlanStatistics(plans, rules, bytes, PlanTable.Count);
    }

    /// <summary>Decides one request and names the statement that decided it.</summary>
    public Decision Evaluate(string action, string resource, in RequestContext context)
    {
        var kind = Decide(action, resource, in context);
        return kind == DecisionKind.ImplicitDeny ? new Decision(DecisionKind.ImplicitDeny, Role) : Explain(kind, action, resource, in context);
    }

    /// <summary>The first statement, in document order, with the decided effect that matches the request (the slow path).</summary>
    private Decision Explain(DecisionKind kind, string action, string resource, in RequestContext context)
    {
        var effect = kind == DecisionKind.ExplicitDeny ? Effect.Deny : Effect.Allow;
        var scratch = new EvaluationScratch(in context);
        foreach (var bound in _statements)
        {
            var statement = bound.Statement;
            if (statement.Effect == effect && statement.MatchesAction(action) && statement.MatchesResource(resource) && statement.ConditionsHold(ref scratch))
                return new Decision(kind, Role, bound.Policy, statement.Index);
        }
        throw new InvalidOperationException($"The compiled plan decided {kind} for {action} on {resource}, but no statement explains it.");
    }

    /// <summary>Every statement that matches the request, in document order (for the simulator; allocates).</summary>
    public IReadOnlyList<(PolicyRef Policy, PolicyStatement Statement)> MatchingStatements(string action, string resource, in RequestContext context)
    {
        var scratch = new EvaluationScratch(in context);
        var matches = new List<(PolicyRef, PolicyStatement)>();
        foreach (var bound in _statements)
        {
            if (bound.Statement.MatchesAction(action) && bound.Statement.MatchesResource(resource) && bound.Statement.ConditionsHold(ref scratch))
            {
                matches.Add((bound.Policy, bound.Statement));
            }
        }
        return matches;
    }
}

/// <summary>See <see cref="PolicySet.CompiledPlans"/>.</summary>
public readonly record struct PlanStatistics(int Plans, int Rules, long ArenaBytes, int PolicyLists);
