using System.Text.RegularExpressions;

namespace RamConsole.Core.Federation;

/// <summary>Alibaba's rules for identity provider names: 1–128 letters, digits, '.', '_' or '-', not starting or ending with one of those three.</summary>
public static partial class ProviderNames
{
    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?$")]
    private static partial Regex Pattern();

    public static string Check(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new RamException("MissingParameter", $"{field} is required.", 400, field);
        value = value.Trim();
        if (value.Length > 128) throw RamErrors.Invalid($"InvalidParameter.{field}.Length", $"{field} has 1 to 128 characters.", field);
        if (!Pattern().IsMatch(value))
            throw RamErrors.Invalid($"InvalidParameter.{field}.InvalidChars", $"{field} may contain letters, digits, '.', '_' and '-', and starts and ends with a letter or digit.", field);
        return value;
    }
}
