using System.Globalization;
using RamConsole.Policy.Evaluation;
using RamConsole.Policy.Matching;

namespace RamConsole.Policy.Conditions;

/// <summary>
/// One operator applied to one key with its values pre-parsed (strings, globs, numbers, instants, CIDRs).
/// Values under a key are OR'ed; a negated operator is true when none of them matches. A key missing from the
/// request (or not parseable as the operator's type) makes the condition false.
/// </summary>
public sealed class Condition
{
    internal Condition(ConditionOperator op, string key, string[] values)
    {
        Operator = op;
        Key = key;
        ResolvedKey = ContextKeys.Resolve(key);
        Values = values;
        Negated = ConditionOperators.IsNegated(op);
    }

    public ConditionOperator Operator { get; }
    public string Key { get; }
    public IReadOnlyList<string> Values { get; }

    internal ContextKey ResolvedKey { get; }
    internal bool Negated { get; }
    internal Glob[] Likes { get; init; } = [];
    internal double[] Numbers { get; init; } = [];
    internal long[] Instants { get; init; } = [];
    internal IpRange[] Ranges { get; init; } = [];
    /// <summary>Bool: whether a request's "true" matches (any listed value is "true") and whether its "false" does.</summary>
    internal bool MatchesTrue { get; init; }
    internal bool MatchesFalse { get; init; }

    internal bool Holds(ref EvaluationScratch scratch)
    {
        switch (Operator)
        {
            case ConditionOperator.IpAddress or ConditionOperator.NotIpAddress:
                if (!scratch.TryGetIp(ResolvedKey, Key, out var ip)) return false;
                return AnyRange(ip) != Negated;
            case >= ConditionOperator.DateEquals and <= ConditionOperator.DateGreaterThanEquals:
                if (!scratch.TryGetTime(ResolvedKey, Key, out var ticks)) return false;
                return AnyInstant(ticks) != Negated;
            case ConditionOperator.Bool:
                // 1 false, 2 true, 3 absent or unparseable; the listed values are OR'ed like every operator's.
                return scratch.GetBool(ResolvedKey, Key) switch { 2 => MatchesTrue, 1 => MatchesFalse, _ => false };
            case >= ConditionOperator.NumericEquals and <= ConditionOperator.NumericGreaterThanEquals:
                var number = scratch.Get(ResolvedKey, Key);
                if (number is null || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) return false;
                return AnyNumber(n) != Negated;
            default:
                var value = scratch.Get(ResolvedKey, Key);
                if (value is null) return false;
                return AnyString(value) != Negated;
        }
    }

    private bool AnyRange(IpValue ip)
    {
        foreach (var range in Ranges) if (range.Contains(ip)) return true;
        return false;
    }

    private bool AnyInstant(long ticks) => AnyOrdered(ticks, Instants);

    private bool AnyNumber(double n) => AnyOrdered(n, Numbers);

    // Numeric and Date operators share one meaning: compare the request's value with each listed value.
    private bool AnyOrdered<T>(T value, T[] listed) where T : System.Numerics.INumber<T>
    {
        foreach (var v in listed)
        {
            if (Compare(Operator, value, v)) return true;
        }
        return false;
    }

    /// <summary>One Numeric or Date comparison of the request's value with one listed value (the negation is the caller's).</summary>
    internal static bool Compare<T>(ConditionOperator op, T value, T listed) where T : System.Numerics.INumber<T> => op switch
    {
        ConditionOperator.NumericEquals or ConditionOperator.NumericNotEquals or ConditionOperator.DateEquals or ConditionOperator.DateNotEquals => value == listed,
        ConditionOperator.NumericLessThan or ConditionOperator.DateLessThan => value < listed,
        ConditionOperator.NumericLessThanEquals or ConditionOperator.DateLessThanEquals => value <= listed,
        ConditionOperator.NumericGreaterThan or ConditionOperator.DateGreaterThan => value > listed,
        _ => value >= listed,
    };

    private bool AnyString(string value)
    {
        switch (Operator)
        {
            case ConditionOperator.StringLike or ConditionOperator.StringNotLike:
                foreach (var glob in Likes) if (glob.IsMatch(value)) return true;
                return false;
            case ConditionOperator.StringEqualsIgnoreCase or ConditionOperator.StringNotEqualsIgnoreCase:
                foreach (var v in Values) if (string.Equals(v, value, StringComparison.OrdinalIgnoreCase)) return true;
                return false;
            default:
                foreach (var v in Values) if (string.Equals(v, value, StringComparison.Ordinal)) return true;
                return false;
        }
    }

    internal static bool TryParseBool(string text, out bool value)
    {
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase)) { value = true; return true; }
        if (text.Equals("false", StringComparison.OrdinalIgnoreCase)) { value = false; return true; }
        value = false;
        return false;
    }
}
