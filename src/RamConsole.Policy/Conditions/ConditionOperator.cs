namespace RamConsole.Policy.Conditions;

/// <summary>The condition operators of DESIGN §3.</summary>
public enum ConditionOperator : byte
{
    StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike,
    NumericEquals, NumericNotEquals, NumericLessThan, NumericLessThanEquals, NumericGreaterThan, NumericGreaterThanEquals,
    DateEquals, DateNotEquals, DateLessThan, DateLessThanEquals, DateGreaterThan, DateGreaterThanEquals,
    Bool,
    IpAddress, NotIpAddress,
}

internal static class ConditionOperators
{
    public static bool TryParse(string name, out ConditionOperator op) =>
        Enum.TryParse(name, ignoreCase: false, out op) && Enum.IsDefined(op) && !int.TryParse(name, out _);

    /// <summary>Negated operators are the complement of their positive twin over all listed values.</summary>
    public static bool IsNegated(ConditionOperator op) => op is ConditionOperator.StringNotEquals
        or ConditionOperator.StringNotEqualsIgnoreCase or ConditionOperator.StringNotLike or ConditionOperator.NumericNotEquals
        or ConditionOperator.DateNotEquals or ConditionOperator.NotIpAddress;

    public static string Family(ConditionOperator op) => op switch
    {
        <= ConditionOperator.StringNotLike => "String",
        <= ConditionOperator.NumericGreaterThanEquals => "Numeric",
        <= ConditionOperator.DateGreaterThanEquals => "Date",
        ConditionOperator.Bool => "Bool",
        _ => "Ip",
    };
}
