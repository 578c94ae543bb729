using Microsoft.Extensions.Primitives;
using RamConsole.Core.Errors;

namespace RamConsole.Web.Api;

/// <summary>
/// The limits of an RPC call's envelope, each answered with a 4xx and an Alibaba-style code rather than whatever the
/// framework would do (a form reader's exception surfaced as a 500; Kestrel's bare 414 or 431). Kestrel's own limits
/// are set above these (<see cref="KestrelRequestLine"/>, <see cref="KestrelHeaders"/>), so a request reaches this
/// code unless it is beyond even those.
/// </summary>
public static class ApiEnvelope
{
    /// <summary>Bodies larger than this are refused (the largest parameter, a policy document, is 6,144 characters).</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Parameters in the query and the form together: the widest operation reads about twenty.</summary>
    public const int MaxParameters = 200;

    /// <summary>One parameter's value (a policy document, URL-encoded, is well under this) and name.</summary>
    public const int MaxParameterLength = 32 * 1024, MaxParameterNameLength = 128;

    /// <summary>The request target (path and query string), as sent.</summary>
    public const int MaxRequestLine = 64 * 1024;

    /// <summary>All header names and values together (a V3 signature and an STS token take about 3 KB).</summary>
    public const int MaxHeaderBytes = 16 * 1024;

    /// <summary>Kestrel's limits, set above ours so that ours answer first.</summary>
    public const int KestrelRequestLine = 2 * MaxRequestLine, KestrelHeaders = 4 * MaxHeaderBytes;

    public static void CheckRequestLine(HttpRequest request)
    {
        var length = (request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0);
        if (length > MaxRequestLine)
            throw new RamException("InvalidParameter.RequestLine", $"The request line is {length} characters; at most {MaxRequestLine} are accepted. Send long parameters in a form body.", 414);
    }

    public static void CheckHeaders(IHeaderDictionary headers)
    {
        var total = 0;
        foreach (var (name, values) in headers)
        {
            total += name.Length;
            foreach (var value in values) total += value?.Length ?? 0;
        }
        if (total > MaxHeaderBytes)
            throw new RamException("InvalidParameter.Headers", $"The request headers take {total} bytes; at most {MaxHeaderBytes} are accepted.", 431);
    }

    /// <summary>Counts and sizes parameters as they are added, so a flood stops at the first one over the limit.</summary>
    public static void Add(Dictionary<string, string> parameters, string name, StringValues values, ref int count)
    {
        foreach (var value in values)
        {
            if (++count > MaxParameters)
                throw new RamException("InvalidParameter.ParameterCount", $"The request has more than {MaxParameters} parameters.", 400);
            if (name.Length > MaxParameterNameLength)
                throw new RamException("InvalidParameter.ParameterName", $"A parameter name is longer than {MaxParameterNameLength} characters.", 400);
            if (value?.Length > MaxParameterLength)
                throw new RamException($"InvalidParameter.{name}.Length", $"{name} is longer than {MaxParameterLength} characters.", 400, name);
            parameters[name] = value ?? "";
        }
    }

    public static RamException BodyTooLarge() => new("InvalidParameter.Body", $"The request body is larger than {MaxBodyBytes} bytes.", 413);
}
