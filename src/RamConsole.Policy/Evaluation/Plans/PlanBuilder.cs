using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RamConsole.Policy.Conditions;
using RamConsole.Policy.Documents;
using RamConsole.Policy.Matching;

namespace RamConsole.Policy.Evaluation.Plans;

/// <summary>
/// Compiles statements into <see cref="PlanArena"/> plans, one writer at a time. What it keeps (DESIGN §3):
/// <list type="bullet">
/// <item>Only statements whose Action/NotAction matches the action (the action globs resolved here, once).</item>
/// <item>Any matching Deny wins: a Deny that always holds (any resource, no condition) folds the plan to ExplicitDeny.</item>
/// <item>With no deny, an Allow that always holds folds it to Allow; with denies, nothing after an always-true Allow
/// is kept. No statement at all: ImplicitDeny, folded.</item>
/// <item>"Any" does not depend on order, so within denies and within allows a test repeated across policies is kept
/// once and the cheapest are tried first.</item>
/// <item>A statement that can never match (NotResource "*") is dropped.</item>
/// </list>
/// Identical plans are written once (interned by what they test), so principals in the same groups share them. When
/// the arena reaches its bound (documents replaced over a long run), the next plan starts a new generation whose ids
/// go on from the last, and sets compile their plans again.
/// </summary>
internal static class PlanBuilder
{
    private const int MaxBytes = 256 * 1024 * 1024;

    private static readonly Lock Writing = new();
    private static Builder _builder = new(1); // id 0 means "not compiled yet" in a set's slots
    private static PlanArena _current = _builder.Publish();

    public static PlanArena Current => Volatile.Read(ref _current);

    /// <summary>What the current generation holds: distinct plans and rules, and the bytes written.</summary>
    public static (int Plans, int Rules, long Bytes) Statistics
    {
        get
        {
            lock (Writing) return (_builder.PlanCount, _builder.RuleCount, _builder.Length);
        }
    }

    /// <summary>The plan of <paramref name="statements"/> for <paramref name="action"/>: its id in the returned arena.</summary>
    public static (PlanArena Arena, uint Id) Compile(IReadOnlyList<PolicyStatement> statements, string action)
    {
        lock (Writing)
        {
            var plan = Rules(statements, action);
            if (_builder.Length + plan.Bytes > MaxBytes) _builder = new Builder(_builder.End);
            var id = _builder.Write(plan);
            var arena = _builder.Publish();
            Volatile.Write(ref _current, arena);
            return (arena, id);
        }
    }

    private sealed record Rule(string Key, int Cost, bool Always, bool AnyResource, bool NotResource, Glob[] Patterns, Condition[] Conditions);

    private sealed record PlanRules(string Key, DecisionKind Constant, Rule[] Denies, Rule[] Allows)
    {
        // An upper bound of what the plan and its rules take in the arena (patterns' text included).
        public int Bytes => 64 + (Denies.Length + Allows.Length) * 512 + Denies.Concat(Allows).Sum(r => r.Patterns.Sum(p => p.Pattern.Length * 2)
            + r.Conditions.Sum(c => c.Values.Count * Unsafe.SizeOf<RangeBytes>()));
    }

    private static PlanRules Rules(IReadOnlyList<PolicyStatement> statements, string action)
    {
        var denies = new List<Rule>();
        var allows = new List<Rule>();
        foreach (var statement in statements)
        {
            if (!statement.MatchesAction(action) || RuleOf(statement) is not { } rule) continue;
            (statement.Effect == Effect.Deny ? denies : allows).Add(rule);
        }
        if (denies.Any(r => r.Always)) return Constant(DecisionKind.ExplicitDeny);
        if (allows.Any(r => r.Always))
        {
            if (denies.Count == 0) return Constant(DecisionKind.Allow);
            allows = [allows.First(r => r.Always)];
        }
        if (denies.Count == 0 && allows.Count == 0) return Constant(DecisionKind.ImplicitDeny);
        Rule[] Order(List<Rule> rules) => [.. rules.DistinctBy(r => r.Key, StringComparer.Ordinal).OrderBy(r => r.Cost)];
        var (d, a) = (Order(denies), Order(allows));
        return new PlanRules(string.Join('\u0004', d.Select(r => r.Key)) + '\u0005' + string.Join('\u0004', a.Select(r => r.Key)), DecisionKind.ImplicitDeny, d, a);
    }

    private static PlanRules Constant(DecisionKind kind) => new("=" + kind, kind, [], []);

    /// <summary>The statement's test; null when it can never match (NotResource "*").</summary>
    private static Rule? RuleOf(PolicyStatement statement)
    {
        var star = statement.Resources.Any(g => g.MatchesEverything);
        if (star && statement.NotResource) return null;
        var key = string.Join('\u0001',
            [star ? "*" : string.Join('\u0002', statement.ResourcePatterns.Order(StringComparer.Ordinal)), statement.NotResource ? "not" : "",
             .. statement.Conditions.Select(c => $"{c.Operator}\u0002{c.Key.ToLowerInvariant()}\u0002{string.Join('\u0003', c.Values)}").Order(StringComparer.Ordinal)]);
        var patterns = star ? [] : statement.Resources.ToArray();
        var cost = patterns.Sum(p => p.Pattern.AsSpan().Count(':') == 4 ? 1 : 2)
            + statement.Conditions.Sum(c => c.Operator == ConditionOperator.Bool ? 1 : 2 + c.Values.Count / 4);
        return new Rule(key, cost, star && statement.Conditions.Count == 0, star, statement.NotResource, patterns, [.. statement.Conditions]);
    }

    private sealed class Builder(uint first)
    {
        private readonly uint _first = first;
        private byte[] _bytes = new byte[64 * 1024];
        private int _length;
        private Glob[] _globs = new Glob[256];
        private int _globCount;
        private Condition[] _objects = new Condition[64];
        private int _objectCount;
        private readonly Dictionary<string, uint> _plans = new(StringComparer.Ordinal);

        public int Length => _length;
        public int PlanCount => _plans.Count;
        public int RuleCount => _rules.Count;

        public uint End => _first + (uint)_length;

        public PlanArena Publish() => new(_bytes, _first, End, _globs, _objects);

        private readonly Dictionary<string, int> _rules = new(StringComparer.Ordinal);

        public uint Write(PlanRules plan)
        {
            if (_plans.TryGetValue(plan.Key, out var known)) return known;
            var offsets = plan.Denies.Concat(plan.Allows).Select(RuleOffset).ToArray();
            var size = Unsafe.SizeOf<PlanHeaderBytes>() + offsets.Length * sizeof(int);
            Align();
            Reserve(size);
            var start = _length;
            var bytes = _bytes.AsSpan(start, size);
            Put(bytes, 0, new PlanHeaderBytes(plan.Constant, (ushort)plan.Denies.Length, (ushort)plan.Allows.Length));
            for (var i = 0; i < offsets.Length; i++) Put(bytes, Unsafe.SizeOf<PlanHeaderBytes>() + i * sizeof(int), offsets[i]);
            _length += size;
            return _plans[plan.Key] = _first + (uint)start;
        }

        /// <summary>Where the rule lies (written now if it is new): header, patterns, conditions, values, text.</summary>
        private int RuleOffset(Rule rule)
        {
            if (_rules.TryGetValue(rule.Key, out var known)) return known;
            var patternsAt = Unsafe.SizeOf<RuleBytes>();
            var conditionsAt = patternsAt + rule.Patterns.Length * Unsafe.SizeOf<PatternBytes>();
            var valuesAt = conditionsAt + rule.Conditions.Length * Unsafe.SizeOf<ConditionBytes>();
            var textAt = valuesAt + rule.Conditions.Sum(ValueBytes);
            textAt += textAt & 1; // UTF-16 text on an even offset
            var size = textAt + rule.Patterns.Sum(p => p.Pattern.Length * 2);
            if (size > ushort.MaxValue) throw new InvalidOperationException($"A rule of {size} bytes does not fit the plan layout.");
            Align();
            Reserve(size);
            var start = _length;
            var bytes = _bytes.AsSpan(start, size);
            bytes.Clear();
            Put(bytes, 0, new RuleBytes(rule.AnyResource, rule.NotResource, (ushort)patternsAt, (byte)rule.Patterns.Length,
                (ushort)conditionsAt, (byte)rule.Conditions.Length));
            foreach (var glob in rule.Patterns)
            {
                Put(bytes, patternsAt, Pattern(glob, bytes, ref textAt));
                patternsAt += Unsafe.SizeOf<PatternBytes>();
            }
            foreach (var condition in rule.Conditions)
            {
                Put(bytes, conditionsAt, ConditionOf(condition, bytes, ref valuesAt));
                conditionsAt += Unsafe.SizeOf<ConditionBytes>();
            }
            _length += size;
            return _rules[rule.Key] = start;
        }

        private static int ValueBytes(Condition c) => Family(c) switch
        {
            ConditionFamily.SourceIp => c.Ranges.Length * Unsafe.SizeOf<RangeBytes>(),
            ConditionFamily.CurrentTime => c.Instants.Length * sizeof(long),
            _ => 0,
        };

        private static ConditionFamily Family(Condition c) => c.Operator switch
        {
            ConditionOperator.IpAddress or ConditionOperator.NotIpAddress when c.ResolvedKey == ContextKey.SourceIp => ConditionFamily.SourceIp,
            >= ConditionOperator.DateEquals and <= ConditionOperator.DateGreaterThanEquals when c.ResolvedKey == ContextKey.CurrentTime => ConditionFamily.CurrentTime,
            ConditionOperator.Bool when c.ResolvedKey is ContextKey.MfaPresent or ContextKey.SecureTransport => ConditionFamily.Flag,
            _ => ConditionFamily.Other,
        };

        private ConditionBytes ConditionOf(Condition c, Span<byte> plan, ref int valuesAt)
        {
            var at = valuesAt;
            switch (Family(c))
            {
                case ConditionFamily.SourceIp:
                    foreach (var range in c.Ranges)
                    {
                        Put(plan, valuesAt, new RangeBytes(range.Network, range.Mask, range.IsV4));
                        valuesAt += Unsafe.SizeOf<RangeBytes>();
                    }
                    return new(ConditionFamily.SourceIp, c.Operator, c.Negated, false, false, c.ResolvedKey, (ushort)at, (ushort)c.Ranges.Length, 0);
                case ConditionFamily.CurrentTime:
                    foreach (var instant in c.Instants)
                    {
                        Put(plan, valuesAt, instant);
                        valuesAt += sizeof(long);
                    }
                    return new(ConditionFamily.CurrentTime, c.Operator, c.Negated, false, false, c.ResolvedKey, (ushort)at, (ushort)c.Instants.Length, 0);
                case ConditionFamily.Flag:
                    return new(ConditionFamily.Flag, c.Operator, false, c.MatchesTrue, c.MatchesFalse, c.ResolvedKey, 0, 0, 0);
                default:
                    Append(ref _objects, ref _objectCount, c);
                    return new(ConditionFamily.Other, c.Operator, c.Negated, false, false, c.ResolvedKey, 0, 0, _objectCount - 1);
            }
        }

        private PatternBytes Pattern(Glob glob, Span<byte> plan, ref int textAt)
        {
            var text = glob.Pattern;
            var at = textAt;
            MemoryMarshal.AsBytes(text.AsSpan()).CopyTo(plan[at..]);
            textAt += text.Length * 2;
            Append(ref _globs, ref _globCount, glob);
            var segments = new SegmentBytes[5];
            var splits = text.Length <= ushort.MaxValue && text.AsSpan().Count(':') == 4;
            var from = 0;
            for (var i = 0; splits && i < 5; i++)
            {
                var end = i < 4 ? text.IndexOf(':', from) : text.Length;
                if (SegmentOf(text, from, end - from) is { } segment) segments[i] = segment;
                else splits = false; // a segment with '?' or an inner '*': match the pattern whole
                from = end + 1;
            }
            return new PatternBytes((ushort)at, (ushort)text.Length, splits, Arn.HasEmptyRegion(text), _globCount - 1,
                segments[0], segments[1], segments[2], segments[3], segments[4]);
        }

        private static SegmentBytes? SegmentOf(string text, int start, int length)
        {
            var span = text.AsSpan(start, length);
            var stars = span.Count('*');
            if (span.Contains('?')) return null;
            if (length > 0 && stars == length) return new(SegmentShape.Any, 0, 0);
            if (stars == 0) return new(SegmentShape.Exact, (ushort)start, (ushort)length);
            if (stars == 1 && span[^1] == '*') return new(SegmentShape.Prefix, (ushort)start, (ushort)(length - 1));
            if (stars == 1 && span[0] == '*') return new(SegmentShape.Suffix, (ushort)(start + 1), (ushort)(length - 1));
            return null;
        }

        private static void Put<T>(Span<byte> plan, int at, T value) where T : unmanaged => MemoryMarshal.Write(plan[at..], in value);

        // Every rule and plan starts on 8 bytes, so their values and text are aligned as their types want.
        private void Align()
        {
            var aligned = (_length + 7) & ~7;
            Reserve(aligned - _length);
            _length = aligned;
        }

        private void Reserve(int size)
        {
            // A new array when full: snapshots already published keep the old one, which holds all they refer to.
            if (_length + size <= _bytes.Length) return;
            var bytes = new byte[Math.Max(_bytes.Length * 2, _length + size)];
            _bytes.AsSpan(0, _length).CopyTo(bytes);
            _bytes = bytes;
        }

        private static void Append<T>(ref T[] array, ref int count, T item)
        {
            if (count == array.Length) Array.Resize(ref array, array.Length * 2);
            array[count++] = item;
        }
    }
}
