using System.Text.RegularExpressions;

namespace RamConsole.Core.Naming;

/// <summary>Name and text rules of DESIGN §2, with Alibaba's error codes (<c>InvalidParameter.&lt;Field&gt;.InvalidChars|Length</c>).</summary>
public static partial class RamNames
{
    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex UserOrGroupChars();

    [GeneratedRegex("^[A-Za-z0-9.-]+$")]
    private static partial Regex RoleChars();

    [GeneratedRegex("^[A-Za-z0-9-]+$")]
    private static partial Regex PolicyChars();

    public static string UserName(string? value) => Name(value, "UserName", 64, UserOrGroupChars(), "letters, digits, '.', '_' and '-'");

    public static string GroupName(string? value) => Name(value, "GroupName", 64, UserOrGroupChars(), "letters, digits, '.', '_' and '-'");

    public static string RoleName(string? value) => Name(value, "RoleName", 64, RoleChars(), "letters, digits, '.' and '-'");

    /// <summary>The name of a user, group or role, by the rules of its kind.</summary>
    public static string Principal(PrincipalKind kind, string? value) => kind switch
    {
        PrincipalKind.User => UserName(value),
        PrincipalKind.Group => GroupName(value),
        _ => RoleName(value),
    };

    public static string PolicyName(string? value) => Name(value, "PolicyName", 128, PolicyChars(), "letters, digits and '-'");

    /// <summary>Optional free text (DisplayName 1–128, Comments ≤128, Description ≤1024); null when empty.</summary>
    public static string? Text(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (value.Length > maxLength)
            throw new RamException($"InvalidParameter.{field}.Length", $"{field} has at most {maxLength} characters.", 400, field);
        if (value.Any(char.IsControl))
            throw new RamException($"InvalidParameter.{field}.InvalidChars", $"{field} must not contain control characters.", 400, field);
        return value;
    }

    private static string Name(string? value, string field, int maxLength, Regex allowed, string allowedText)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new RamException("MissingParameter", $"{field} is required.", 400, field) { };
        value = value.Trim();
        if (value.Length > maxLength)
            throw new RamException($"InvalidParameter.{field}.Length", $"{field} has 1 to {maxLength} characters.", 400, field);
        if (!allowed.IsMatch(value))
            throw new RamException($"InvalidParameter.{field}.InvalidChars", $"{field} may contain only {allowedText}.", 400, field);
        return value;
    }
}
