using System.Runtime.CompilerServices;

namespace RamConsole.Policy.Evaluation.Plans;

/// <summary>
/// The engine's action ids: the catalogue's actions, then up to <see cref="PlanIds.Length"/> in all of the other names
/// decided in this process (the simulator's, a workload's), so that those too take the inline fast path.
/// </summary>
internal static class PlanActions
{
    public static readonly Catalog.ActionIds Ids = new(Catalog.ActionCatalog.All, PlanIds.Length);
}

/// <summary>
/// A policy set's plans for the engine's first <see cref="Length"/> actions (<see cref="PlanActions"/>), inline in the set: a decision reads one
/// cache line of the set it already holds, not a table elsewhere in memory. Each slot holds a plan id (0 = not compiled
/// yet). Ids are never reused, so a slot from an arena generation since replaced is recognised as stale by its number
/// alone; a slot is only ever rewritten with a valid id, so races are harmless.
/// </summary>
[InlineArray(Length)]
internal struct PlanIds
{
    public const int Length = 160;

    private uint _first;
}
