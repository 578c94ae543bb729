namespace RamConsole.Web.Api;

/// <summary>
/// One RPC call as received: parameters from the query string and a form body (DESIGN §6), the headers, the raw
/// body (for V3's content hash) and the client facts policies may test.
/// </summary>
public sealed class ApiRequest
{
    public required string Method { get; init; }
    public required string Path { get; init; }
    public required IReadOnlyList<KeyValuePair<string, string>> Query { get; init; }
    public required IReadOnlyList<KeyValuePair<string, string>> Form { get; init; }
    public required IReadOnlyDictionary<string, string> Headers { get; init; }
    public required byte[] Body { get; init; }
    public string? SourceIp { get; init; }
    public bool SecureTransport { get; init; }

    /// <summary>Query and form together; a name in both takes the form's value.</summary>
    public IReadOnlyDictionary<string, string> Parameters => _parameters ??= Query.Concat(Form)
        .GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    private Dictionary<string, string>? _parameters;

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;

    public string? Action => Header("x-acs-action") ?? Parameters.GetValueOrDefault("Action");
    public string? Version => Header("x-acs-version") ?? Parameters.GetValueOrDefault("Version");

    /// <summary>A request is an API call when it names an Action (query or form) or carries x-acs-action.</summary>
    public static bool IsApiCall(HttpRequest request) =>
        request.Path == "/" && (request.Headers.ContainsKey("x-acs-action") || request.Query.ContainsKey("Action")
            || request.HasFormContentType && request.Method == HttpMethods.Post);

    public static async Task<ApiRequest> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        request.Body.Position = 0;
        var form = request.HasFormContentType ? (await request.ReadFormAsync(context.RequestAborted)).SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? ""))).ToList() : [];
        return new ApiRequest
        {
            Method = request.Method,
            Path = request.Path.HasValue ? request.Path.Value! : "/",
            Query = [.. request.Query.SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? "")))],
            Form = form,
            Headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal),
            Body = buffer.ToArray(),
            SourceIp = context.Connection.RemoteIpAddress?.ToString(),
            SecureTransport = request.IsHttps,
        };
    }
}
