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
    /// <summary>Bodies larger than this are refused (the largest parameter, a SAML assertion, is 100,000 base64 characters).</summary>
    public const int MaxBodyBytes = 512 * 1024;

    /// <summary>Parameters in the query and the form together: the widest operation reads about twenty.</summary>
    public const int MaxParameters = 200;

    /// <summary>One parameter's value (a policy document, URL-encoded, is well under this) and name.</summary>
    public const int MaxParameterLength = 32 * 1024, MaxParameterNameLength = 128;

    /// <summary>
    /// The federated calls' credentials (Alibaba: a SAML assertion up to 100,000 base64 characters; an OIDC token up to
    /// 20,000) and SAML metadata documents (base64; an IdP publishing several certificates) may be this long; their own
    /// validators refuse anything past their limits with their codes.
    /// </summary>
    public const int MaxCredentialParameterLength = 320 * 1024;

    private static readonly HashSet<string> CredentialParameters = new(StringComparer.Ordinal)
    {
        "SAMLAssertion", "OIDCToken", "EncodedSAMLMetadataDocument", "NewEncodedSAMLMetadataDocument", "MetadataDocument",
    };

    /// <summary>The request target (path and query string), as sent.</summary>
    public const int MaxRequestLine = 64 * 1024;

    /// <summary>
    /// The request target of the calls that carry those (AssumeRoleWithSAML / AssumeRoleWithOIDC and the SAML metadata
    /// writes): the official SDKs send every parameter in the query string even on POST, and URL encoding can triple
    /// base64's '+', '/' and '='.
    /// </summary>
    public const int MaxFederatedRequestLine = MaxCredentialParameterLength + 16 * 1024;

    /// <summary>The actions whose request line may be <see cref="MaxFederatedRequestLine"/> long.</summary>
    private static readonly HashSet<string> FederatedActions = new(StringComparer.Ordinal)
    {
        "AssumeRoleWithSAML", "AssumeRoleWithOIDC", "CreateSAMLProvider", "UpdateSAMLProvider", "SetUserSsoSettings",
    };

    /// <summary>All header names and values together (a V3 signature and an STS token take about 3 KB).</summary>
    public const int MaxHeaderBytes = 16 * 1024;

    /// <summary>Kestrel's limits, set above ours so that ours answer first.</summary>
    public const int KestrelRequestLine = 2 * MaxFederatedRequestLine, KestrelHeaders = 4 * MaxHeaderBytes;

    public static void CheckRequestLine(HttpRequest request)
    {
        var length = (request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0);
        var action = request.Headers.TryGetValue("x-acs-action", out var header) && header.Count > 0 ? header.ToString() : request.Query["Action"].ToString();
        var limit = FederatedActions.Contains(action) ? MaxFederatedRequestLine : MaxRequestLine;
        if (length > limit)
            throw new RamException("InvalidParameter.RequestLine", $"The request line is {length} characters; at most {limit} are accepted. Send long parameters in a form body.", 414);
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
            var max = CredentialParameters.Contains(name) ? MaxCredentialParameterLength : MaxParameterLength;
            if (value?.Length > max)
                throw new RamException($"InvalidParameter.{name}.Length", $"{name} is longer than {max} characters.", 400, name);
            parameters[name] = value ?? "";
        }
    }

    public static RamException BodyTooLarge() => new("InvalidParameter.Body", $"The request body is larger than {MaxBodyBytes} bytes.", 413);
}
