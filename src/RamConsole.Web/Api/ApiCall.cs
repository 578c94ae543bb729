using System.Globalization;
using RamConsole.Core.Authorization;

namespace RamConsole.Web.Api;

/// <summary>A call being handled: who (for a signed call), where from, its parameters, and the request's services.</summary>
public sealed class ApiCall(Caller? caller, Core.Sts.RequestOrigin origin, IReadOnlyDictionary<string, string> parameters, IServiceProvider services,
    CancellationToken cancellationToken)
{
    /// <summary>The verified caller; an anonymous operation has none (asking for it is a programming error).</summary>
    public Caller Caller => caller ?? throw new InvalidOperationException("An anonymous operation has no caller.");

    public Core.Sts.RequestOrigin Origin { get; } = origin;
    public IServiceProvider Services { get; } = services;
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public T Use<T>() where T : notnull => Services.GetRequiredService<T>();

    public string Required(string name) => parameters.TryGetValue(name, out var value) && value.Length > 0 ? value : throw ApiError.Missing(name);

    public string? Optional(string name) => parameters.TryGetValue(name, out var value) ? value : null;

    public int Int(string name, int fallback, int min, int max)
    {
        if (Optional(name) is not { } text) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new Core.Errors.RamException($"InvalidParameter.{name}", $"{name} is a whole number from {min} to {max}.", 400, name);
    }

    /// <summary>"true"/"false" (any case), null when absent.</summary>
    public bool? Bool(string name) => Optional(name) switch
    {
        null or "" => null,
        var v when v.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        var v when v.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        _ => throw new Core.Errors.RamException($"InvalidParameter.{name}", $"{name} is true or false.", 400, name),
    };

    /// <summary>Alibaba's paging: an opaque Marker (here the offset) and MaxItems (1–1000, default 100).</summary>
    public (int Offset, int Limit) Page()
    {
        var offset = Optional("Marker") is { Length: > 0 } marker
            ? int.TryParse(marker, NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : throw new Core.Errors.RamException("InvalidParameter.Marker", "Marker is not one this server returned.", 400, "Marker")
            : 0;
        return (offset, Int("MaxItems", 100, 1, 1000));
    }

    public static string Date(DateTimeOffset? instant) => instant is { } at ? Policy.Matching.IsoTime.ToIso(at) : "";

    /// <summary>Paging fields for a response: IsTruncated, and the Marker for the next page when there is one.</summary>
    public static Dictionary<string, object?> Paged(int offset, int count, int total, string listName, object list)
    {
        var body = total > offset + count
            ? new Dictionary<string, object?> { ["IsTruncated"] = true, ["Marker"] = (offset + count).ToString(CultureInfo.InvariantCulture) }
            : new Dictionary<string, object?> { ["IsTruncated"] = false };
        body[listName] = list;
        return body;
    }
}
