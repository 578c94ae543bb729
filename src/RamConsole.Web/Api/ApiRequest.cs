using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace RamConsole.Web.Api;

/// <summary>
/// One RPC call as received: parameters from the query string and a form body (DESIGN §6), the headers, the raw
/// body (for V3's content hash) and the client facts policies may test. Read once per call, without copies of the
/// headers or a second pass over the body.
/// </summary>
public sealed class ApiRequest
{
    public required string Method { get; init; }
    public required string Path { get; init; }
    public required IReadOnlyList<KeyValuePair<string, string>> Query { get; init; }
    public required IHeaderDictionary Headers { get; init; }
    public required byte[] Body { get; init; }
    public string? SourceIp { get; init; }
    public bool SecureTransport { get; init; }

    /// <summary>Query and form together; a name in both takes the form's value.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var v) && v.Count > 0 ? v.ToString() : null;

    public string? Action => Header("x-acs-action") ?? Parameters.GetValueOrDefault("Action");
    public string? Version => Header("x-acs-version") ?? Parameters.GetValueOrDefault("Version");

    /// <summary>A request is an API call when it names an Action (query or form) or carries x-acs-action.</summary>
    public static bool IsApiCall(HttpRequest request) =>
        request.Path == "/" && (request.Headers.ContainsKey("x-acs-action") || request.Query.ContainsKey("Action")
            || request.HasFormContentType && request.Method == HttpMethods.Post);

    public static async Task<ApiRequest> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        ApiEnvelope.CheckRequestLine(request);
        ApiEnvelope.CheckHeaders(request.Headers);
        var body = await ReadBodyAsync(request, context.RequestAborted);
        var query = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in request.Query) Add(query, name, values);
        var parameters = new Dictionary<string, string>(query.Count + 8, StringComparer.Ordinal);
        var count = 0;
        foreach (var (name, values) in request.Query) ApiEnvelope.Add(parameters, name, values, ref count);
        if (request.HasFormContentType && body.Length > 0)
        {
            // The form is parsed from the bytes already read (they are also what V3 hashes); a name in both takes the form's value.
            foreach (var (name, values) in ReadForm(body)) ApiEnvelope.Add(parameters, name, values.Count > 0 ? values[^1] : "", ref count);
        }
        return new ApiRequest
        {
            Method = request.Method,
            Path = request.Path.HasValue ? request.Path.Value! : "/",
            Query = query,
            Headers = request.Headers,
            Body = body,
            Parameters = parameters,
            SourceIp = context.Connection.RemoteIpAddress?.ToString(),
            SecureTransport = request.IsHttps,
        };
    }

    private static void Add(List<KeyValuePair<string, string>> list, string name, StringValues values)
    {
        foreach (var value in values) list.Add(KeyValuePair.Create(name, value ?? ""));
    }

    private static Dictionary<string, StringValues> ReadForm(byte[] body)
    {
        // The reader's own limits sit just above ours, so ours answer (its exceptions would otherwise surface as a 500).
        using var reader = new FormReader(Encoding.UTF8.GetString(body))
        {
            ValueCountLimit = ApiEnvelope.MaxParameters + 1,
            KeyLengthLimit = ApiEnvelope.MaxParameterNameLength + 1,
            ValueLengthLimit = ApiEnvelope.MaxCredentialParameterLength + 1,
        };
        try
        {
            return reader.ReadForm();
        }
        catch (InvalidDataException)
        {
            throw new Core.Errors.RamException("InvalidParameter.ParameterCount",
                $"The form body has more than {ApiEnvelope.MaxParameters} fields, or a field over {ApiEnvelope.MaxParameterLength} characters.", 400);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && !HttpMethods.IsPost(request.Method) && !HttpMethods.IsPut(request.Method))) return [];
        if (request.ContentLength > ApiEnvelope.MaxBodyBytes) throw ApiEnvelope.BodyTooLarge();
        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 1024);
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ApiEnvelope.MaxBodyBytes) throw ApiEnvelope.BodyTooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
