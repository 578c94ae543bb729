using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RamConsole.Policy.Conditions;
using RamConsole.Policy.Matching;

namespace RamConsole.Policy.Evaluation.Plans;

/// <summary>
/// Every compiled plan of the process in one array of bytes: each distinct rule once, as one contiguous run — its
/// resource patterns, conditions, their values and the patterns' text (PlanLayout.cs) — and each plan as a header and
/// the offsets of its rules. A decision reads a few adjacent cache lines rather than a graph of objects, and the few
/// hundred rules of an account stay in the processor's caches however many plans list them. A plan's id is its offset. The bytes only grow; a snapshot (this class) is
/// published after what it adds is written, so a reader never sees a half-written plan, and an id from a replaced
/// generation lies below <see cref="_first"/> and is recognised (<see cref="Has"/>).
/// Rules (DESIGN §3): any matching Deny wins, so denies are tried first; else any matching Allow; else ImplicitDeny.
/// </summary>
internal sealed class PlanArena(byte[] bytes, uint first, uint end, Glob[] globs, Condition[] objects)
{
    private readonly byte[] _bytes = bytes;
    private readonly uint _first = first, _end = end;
    private readonly Glob[] _globs = globs;
    private readonly Condition[] _objects = objects;

    public bool Has(uint id) => id - _first < _end - _first;

    public DecisionKind Decide(uint id, ReadOnlySpan<char> resource, in RequestContext context)
    {
        var bytes = _bytes.AsSpan();
        var plan = bytes[(int)(id - _first)..];
        var header = Read<PlanHeaderBytes>(plan, 0);
        if (header.DenyCount + header.AllowCount == 0) return header.Constant;
        var arn = default(ArnSegments);
        var scratch = new EvaluationScratch(in context);
        // The plan lists its rules by offset: each distinct rule is written once and shared by every plan that uses it.
        var rules = MemoryMarshal.Cast<byte, int>(plan.Slice(Unsafe.SizeOf<PlanHeaderBytes>(), (header.DenyCount + header.AllowCount) * sizeof(int)));
        for (var i = 0; i < header.DenyCount; i++)
        {
            if (Holds(bytes[rules[i]..], ref scratch, resource, ref arn)) return DecisionKind.ExplicitDeny;
        }
        for (var i = header.DenyCount; i < rules.Length; i++)
        {
            if (Holds(bytes[rules[i]..], ref scratch, resource, ref arn)) return DecisionKind.Allow;
        }
        return DecisionKind.ImplicitDeny;
    }

    private bool Holds(ReadOnlySpan<byte> rule, ref EvaluationScratch scratch, ReadOnlySpan<char> resource, ref ArnSegments arn) =>
        Holds(rule, Read<RuleBytes>(rule, 0), resource, ref arn, ref scratch);

    private static T Read<T>(ReadOnlySpan<byte> plan, int at) where T : unmanaged => MemoryMarshal.Read<T>(plan[at..]);

    private bool Holds(ReadOnlySpan<byte> plan, in RuleBytes rule, ReadOnlySpan<char> resource, ref ArnSegments arn, ref EvaluationScratch scratch)
    {
        if (!rule.AnyResource && !MatchesResource(plan, in rule, resource, ref arn)) return false;
        for (var i = 0; i < rule.ConditionCount; i++)
        {
            if (!Holds(plan, Read<ConditionBytes>(plan, rule.Conditions + i * Unsafe.SizeOf<ConditionBytes>()), ref scratch)) return false;
        }
        return true;
    }

    private bool MatchesResource(ReadOnlySpan<byte> plan, in RuleBytes rule, ReadOnlySpan<char> resource, ref ArnSegments arn)
    {
        for (var i = 0; i < rule.PatternCount; i++)
        {
            if (Matches(plan, Read<PatternBytes>(plan, rule.Patterns + i * Unsafe.SizeOf<PatternBytes>()), resource, ref arn)) return !rule.NotResource;
        }
        return rule.NotResource;
    }

    /// <summary>
    /// A pattern with exactly four colons is matched segment by segment against a request with exactly four colons —
    /// equivalent to matching it whole, since each of the pattern's literal colons must then meet one of the
    /// request's in order — and a segment that differs (another service, say) is refused at its first characters.
    /// Anything else is matched whole. A pattern with an empty region (<c>acs:ram::…</c>) also matches a request
    /// written with a <c>*</c> region (DESIGN §3).
    /// </summary>
    private bool Matches(ReadOnlySpan<byte> plan, in PatternBytes p, ReadOnlySpan<char> resource, ref ArnSegments arn)
    {
        if (p.Splits && arn.Splits(resource))
        {
            var text = MemoryMarshal.Cast<byte, char>(plan.Slice(p.Text, p.TextLength * 2));
            return Segment(p.Service, text, arn.Service(resource)) && Segment(p.Rest, text, arn.Rest(resource))
                && Segment(p.Account, text, arn.Account(resource))
                && (Segment(p.Region, text, arn.Region(resource)) || p.EmptyRegion && arn.Region(resource) is "*")
                && Segment(p.Scheme, text, arn.Scheme(resource));
        }
        var glob = _globs[p.Glob];
        if (glob.IsMatch(resource)) return true;
        return p.EmptyRegion && MatchesWithoutStarRegion(glob, resource);
    }

    private static bool Segment(in SegmentBytes s, ReadOnlySpan<char> pattern, ReadOnlySpan<char> value) => s.Shape switch
    {
        SegmentShape.Any => true,
        SegmentShape.Exact => value.SequenceEqual(pattern.Slice(s.Start, s.Length)),
        SegmentShape.Prefix => value.StartsWith(pattern.Slice(s.Start, s.Length)),
        _ => value.EndsWith(pattern.Slice(s.Start, s.Length)),
    };

    /// <summary>
    /// The server's own keys — source IP, time, the MFA and TLS flags — are tested from the plan's values with the
    /// request's value parsed once per decision; any other condition by its compiled <see cref="Condition"/>.
    /// </summary>
    private bool Holds(ReadOnlySpan<byte> plan, in ConditionBytes c, ref EvaluationScratch scratch)
    {
        switch (c.Family)
        {
            case ConditionFamily.SourceIp:
                if (!scratch.TryGetIp(ContextKey.SourceIp, ContextKeys.SourceIp, out var ip)) return false;
                var ranges = MemoryMarshal.Cast<byte, RangeBytes>(plan.Slice(c.Values, c.Count * Unsafe.SizeOf<RangeBytes>()));
                var inRange = false;
                foreach (ref readonly var range in ranges)
                {
                    if (range.IsV4 == ip.IsV4 && (ip.Bits & range.Mask) == range.Network) { inRange = true; break; }
                }
                return inRange != c.Negated;
            case ConditionFamily.CurrentTime:
                if (!scratch.TryGetTime(ContextKey.CurrentTime, ContextKeys.CurrentTime, out var ticks)) return false;
                var hit = false;
                foreach (var instant in MemoryMarshal.Cast<byte, long>(plan.Slice(c.Values, c.Count * sizeof(long))))
                {
                    if (Condition.Compare(c.Operator, ticks, instant)) { hit = true; break; }
                }
                return hit != c.Negated;
            case ConditionFamily.Flag:
                return scratch.GetBool(c.Key, "") switch { 2 => c.MatchesTrue, 1 => c.MatchesFalse, _ => false };
            default:
                return _objects[c.Object].Holds(ref scratch);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool MatchesWithoutStarRegion(Glob glob, ReadOnlySpan<char> resource)
    {
        if (!Arn.HasStarRegion(resource)) return false;
        // On the stack up to 1 KiB; a longer resource (never one a service names) still matches, on the heap.
        Span<char> buffer = resource.Length <= 1024 ? stackalloc char[resource.Length] : new char[resource.Length];
        return glob.IsMatch(Arn.WithoutStarRegion(resource, buffer));
    }
}
