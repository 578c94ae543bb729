using System.Collections.Concurrent;
using RamConsole.Policy.Catalog;
using RamConsole.Policy.Documents;

namespace RamConsole.Policy.Evaluation;

/// <summary>
/// The compiled policies that apply to one principal (or one session policy), ready to decide many requests.
/// For each action it keeps the short list of statements whose Action/NotAction can match, split into Deny and
/// Allow: catalogue actions are pre-computed into a frozen dictionary, others are cached on first use. A decision
/// then only matches the resource and the conditions of those few statements.
/// </summary>
public sealed class PolicySet
{
    private const int MaxDynamicActions = 4096;

    private readonly BoundStatement[] _statements;
    private readonly ActionSlice[] _catalogSlices; // by ActionCatalog id; one small array per set keeps a decision's memory warm
    private readonly ConcurrentDictionary<string, ActionSlice> _dynamicSlices = new(StringComparer.OrdinalIgnoreCase);

    public PolicySet(IEnumerable<PolicyRef> policies, PolicyRole role = PolicyRole.Identity)
    {
        Policies = [.. policies];
        Role = role;
        _statements = [.. Policies.SelectMany(p => p.Bound)];
        _catalogSlices = [.. ActionCatalog.All.Select(Slice)];
    }

    public static PolicySet Empty(PolicyRole role = PolicyRole.Identity) => new([], role);

    public IReadOnlyList<PolicyRef> Policies { get; }
    public PolicyRole Role { get; }

    /// <summary>Decides one request: any matching Deny wins, else any matching Allow, else implicit deny.</summary>
    public Decision Evaluate(string action, string resource, in RequestContext context)
    {
        var slice = SliceFor(action);
        if (slice.IsEmpty) return new Decision(DecisionKind.ImplicitDeny, Role);
        var scratch = new EvaluationScratch(in context);
        return Decide(slice, resource, ref scratch, Role);
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

    private static Decision Decide(ActionSlice slice, scoped ReadOnlySpan<char> resource, ref EvaluationScratch scratch, PolicyRole role)
    {
        var candidates = slice.Candidates;
        for (var i = 0; i < candidates.Length; i++)
        {
            var statement = candidates[i].Statement;
            if (i == slice.DenyCount)
            {
                // Past the denies: the first matching allow decides.
                for (; i < candidates.Length; i++)
                {
                    statement = candidates[i].Statement;
                    if (statement.MatchesResource(resource) && statement.ConditionsHold(ref scratch))
                        return new Decision(DecisionKind.Allow, role, candidates[i].Policy, statement.Index);
                }
                break;
            }
            if (statement.MatchesResource(resource) && statement.ConditionsHold(ref scratch))
                return new Decision(DecisionKind.ExplicitDeny, role, candidates[i].Policy, statement.Index);
        }
        return new Decision(DecisionKind.ImplicitDeny, role);
    }

    private ActionSlice SliceFor(string action)
    {
        var id = ActionCatalog.IdOf(action);
        if (id >= 0) return _catalogSlices[id];
        if (_dynamicSlices.TryGetValue(action, out var slice)) return slice;
        slice = Slice(action);
        // Bounded, so a stream of invented action names cannot grow memory without limit.
        if (_dynamicSlices.Count < MaxDynamicActions) _dynamicSlices.TryAdd(action, slice);
        return slice;
    }

    private ActionSlice Slice(string action)
    {
        var applicable = _statements.Where(b => b.Statement.MatchesAction(action)).ToArray();
        if (applicable.Length == 0) return default;
        var denies = applicable.Where(b => b.Statement.Effect == Effect.Deny).ToArray();
        return new ActionSlice([.. denies, .. applicable.Where(b => b.Statement.Effect == Effect.Allow)], denies.Length);
    }

    /// <summary>The statements an action can match: denies first (<see cref="DenyCount"/> of them), then allows. A struct
    /// stored inline in the set's array, so finding it costs no extra memory hop.</summary>
    private readonly struct ActionSlice(BoundStatement[] candidates, int denyCount)
    {
        public readonly BoundStatement[] Candidates = candidates ?? [];
        public readonly int DenyCount = denyCount;

        public bool IsEmpty => Candidates is null || Candidates.Length == 0;
    }
}
