using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using RamConsole.Policy.Catalog;
using RamConsole.Policy.Documents;

namespace RamConsole.Policy.Evaluation.Plans;

/// <summary>
/// The plans of one list of policies: one per action, compiled on its first use (a 1,000-user account does not compile
/// 1,000 × catalogue plans up front), for actions with an id (<see cref="PlanActions"/>) in inline slots and for others in a bounded cache. Shared
/// by every policy set with the same policies (<see cref="For"/>), so principals in the same groups compile once.
/// </summary>
internal sealed class PlanTable
{
    private const int MaxDynamicActions = 4096;
    private const int MaxTables = 50_000;

    private readonly PolicyStatement[] _statements;
    private PlanIds _catalogue;
    private readonly ConcurrentDictionary<string, uint> _dynamic = new(StringComparer.OrdinalIgnoreCase);

    private PlanTable(PolicyStatement[] statements) => _statements = statements;

    /// <summary>The plan for the action <paramref name="id"/> (<see cref="PlanActions"/>) in the current arena.</summary>
    public (PlanArena Arena, uint Id) ForAction(int id)
    {
        var arena = PlanBuilder.Current;
        if (arena.Has(_catalogue[id])) return (arena, _catalogue[id]);
        (arena, var plan) = PlanBuilder.Compile(_statements, PlanActions.Ids.NameOf(id));
        _catalogue[id] = plan;
        return (arena, plan);
    }

    /// <summary>An action without an id (all taken): compiled and kept (bounded, so invented names cannot grow memory).</summary>
    public DecisionKind DecideOther(string action, ReadOnlySpan<char> resource, in RequestContext context)
    {
        var arena = PlanBuilder.Current;
        if (!_dynamic.TryGetValue(action, out var known) || !arena.Has(known))
        {
            (arena, known) = PlanBuilder.Compile(_statements, action);
            if (_dynamic.Count < MaxDynamicActions) _dynamic[action] = known;
        }
        return arena.Decide(known, resource, in context);
    }

    // Tables by the exact policies they decide with (the same PolicyRef objects, in order). Bounded: a full cache starts
    // over, so documents replaced over a long run are not kept alive.
    private static readonly ConcurrentDictionary<PolicyList, PlanTable> Tables = new();

    public static int Count => Tables.Count;

    public static PlanTable For(IReadOnlyList<PolicyRef> policies)
    {
        var key = new PolicyList([.. policies]);
        if (Tables.TryGetValue(key, out var table)) return table;
        if (Tables.Count >= MaxTables) Tables.Clear();
        return Tables.GetOrAdd(key, k => new PlanTable([.. k.Policies.SelectMany(p => p.Document.Statements)]));
    }

    private sealed class PolicyList(PolicyRef[] policies) : IEquatable<PolicyList>
    {
        public readonly PolicyRef[] Policies = policies;
        private readonly int _hash = Hash(policies);

        private static int Hash(PolicyRef[] policies)
        {
            var hash = new HashCode();
            foreach (var p in policies) hash.Add(RuntimeHelpers.GetHashCode(p));
            return hash.ToHashCode();
        }

        public bool Equals(PolicyList? other)
        {
            if (other is null || other._hash != _hash || other.Policies.Length != Policies.Length) return false;
            for (var i = 0; i < Policies.Length; i++)
            {
                if (!ReferenceEquals(Policies[i], other.Policies[i])) return false;
            }
            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as PolicyList);

        public override int GetHashCode() => _hash;
    }
}
