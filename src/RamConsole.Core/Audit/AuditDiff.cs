using System.Text.Json;

namespace RamConsole.Core.Audit;

public enum DiffKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One field that differs between an event's Before and After, by its JSON path (e.g. <c>User.DisplayName</c>, <c>Keys[1].Status</c>).</summary>
public sealed record DiffLine(string Path, string? Before, string? After, DiffKind Kind);

/// <summary>
/// The field-by-field difference between a write's Before and After snapshots, for the audit detail drawer: both are
/// flattened to leaf paths, and a path shows up when it was added, removed or changed. Unchanged fields are left out.
/// </summary>
public static class AuditDiff
{
    public static IReadOnlyList<DiffLine> Of(string? before, string? after)
    {
        var left = Flatten(before);
        var right = Flatten(after);
        var lines = new List<DiffLine>();
        foreach (var path in left.Keys.Union(right.Keys).Order(StringComparer.Ordinal))
        {
            var had = left.TryGetValue(path, out var b);
            var has = right.TryGetValue(path, out var a);
            if (had && has && b == a) continue;
            lines.Add(new DiffLine(path, b, a, !had ? DiffKind.Added : !has ? DiffKind.Removed : DiffKind.Changed));
        }
        return lines;
    }

    private static Dictionary<string, string> Flatten(string? json)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json)) return leaves;
        try
        {
            using var document = JsonDocument.Parse(json);
            Walk(document.RootElement, "", leaves);
        }
        catch (JsonException)
        {
            leaves[""] = json; // not JSON (should not happen): compare the text as one value
        }
        return leaves;
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, string> leaves)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject()) Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", leaves);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray()) Walk(item, $"{path}[{i++}]", leaves);
                if (i == 0) leaves[path] = "[]";
                break;
            case JsonValueKind.String:
                leaves[path] = element.GetString()!;
                break;
            default:
                leaves[path] = element.GetRawText();
                break;
        }
    }
}
