using System.Runtime.CompilerServices;

namespace RamConsole.Policy.Evaluation.Plans;

/// <summary>
/// A policy set's plans for the catalogue's first <see cref="Length"/> actions, inline in the set: a decision reads one
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
