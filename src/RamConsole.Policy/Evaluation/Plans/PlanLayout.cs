using System.Runtime.InteropServices;
using RamConsole.Policy.Conditions;

namespace RamConsole.Policy.Evaluation.Plans;

// The pieces of a compiled plan as they lie in the arena's bytes (see PlanArena). Offsets are relative to the plan's
// start, so a plan is one contiguous run of bytes: header, rules, patterns, conditions, values, text.

[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal readonly struct PlanHeaderBytes(DecisionKind constant, ushort denyCount, ushort allowCount)
{
    public readonly DecisionKind Constant = constant;
    public readonly ushort DenyCount = denyCount, AllowCount = allowCount;
}

[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal readonly struct RuleBytes(bool anyResource, bool notResource, ushort patterns, byte patternCount, ushort conditions, byte conditionCount)
{
    public readonly bool AnyResource = anyResource, NotResource = notResource;
    public readonly ushort Patterns = patterns;
    public readonly byte PatternCount = patternCount;
    public readonly ushort Conditions = conditions;
    public readonly byte ConditionCount = conditionCount;
}

internal enum SegmentShape : byte { Any, Exact, Prefix, Suffix }

/// <summary>A segment test: the literal is the pattern's text from <see cref="Start"/>, <see cref="Length"/> characters.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal readonly struct SegmentBytes(SegmentShape shape, ushort start, ushort length)
{
    public readonly SegmentShape Shape = shape;
    public readonly ushort Start = start, Length = length;
}

/// <summary>
/// A resource pattern: its text (UTF-16, inside the plan), its five segment tests when it splits, and its index in the
/// arena's globs for matching it whole.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal readonly struct PatternBytes(ushort text, ushort textLength, bool splits, bool emptyRegion, int glob,
    SegmentBytes scheme, SegmentBytes service, SegmentBytes region, SegmentBytes account, SegmentBytes rest)
{
    public readonly ushort Text = text, TextLength = textLength;
    public readonly bool Splits = splits, EmptyRegion = emptyRegion;
    public readonly int Glob = glob;
    public readonly SegmentBytes Scheme = scheme, Service = service, Region = region, Account = account, Rest = rest;
}

internal enum ConditionFamily : byte { Other, SourceIp, CurrentTime, Flag }

/// <summary>
/// A condition: for <see cref="ConditionFamily.SourceIp"/> its blocks (<see cref="RangeBytes"/>) and for
/// <see cref="ConditionFamily.CurrentTime"/> its instants (UTC ticks) at <see cref="Values"/>; a Flag (Bool on a server
/// key) needs only which answers match; Other is the arena's compiled condition number <see cref="Object"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal readonly struct ConditionBytes(ConditionFamily family, ConditionOperator op, bool negated, bool matchesTrue, bool matchesFalse,
    ContextKey key, ushort values, ushort count, int obj)
{
    public readonly ConditionFamily Family = family;
    public readonly ConditionOperator Operator = op;
    public readonly bool Negated = negated, MatchesTrue = matchesTrue, MatchesFalse = matchesFalse;
    public readonly ContextKey Key = key;
    public readonly ushort Values = values, Count = count;
    public readonly int Object = obj;
}

/// <summary>A CIDR block as two 128-bit words and its family.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal readonly struct RangeBytes(UInt128 network, UInt128 mask, bool isV4)
{
    public readonly UInt128 Network = network, Mask = mask;
    public readonly bool IsV4 = isV4;
}
