using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RamConsole.Web.Api.Signing;

namespace RamConsole.Tests.Shared;

/// <summary>A minimal Alibaba RPC client for tests: signs V1 (query) or V3 (Authorization header) like the SDKs do.</summary>
public sealed class RpcClient(HttpClient http, string accessKeyId, string accessKeySecret, string? securityToken = null)
{
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    public async Task<(int Status, JsonElement Body)> V1Async(string version, string action, IDictionary<string, string>? parameters = null,
        string? nonce = null, Action<Dictionary<string, string>>? tamper = null)
    {
        var (status, text) = await V1TextAsync(version, action, parameters, nonce, tamper);
        return (status, JsonDocument.Parse(text).RootElement);
    }

    /// <summary>The raw response (e.g. with Format=XML in <paramref name="parameters"/>).</summary>
    public async Task<(int Status, string Text)> V1TextAsync(string version, string action, IDictionary<string, string>? parameters = null,
        string? nonce = null, Action<Dictionary<string, string>>? tamper = null)
    {
        var response = await http.GetAsync(V1Path(version, action, parameters, nonce, tamper));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A signed V1 GET path ("/?…"), e.g. to pre-sign requests for a load generator.</summary>
    public string V1Path(string version, string action, IDictionary<string, string>? parameters = null,
        string? nonce = null, Action<Dictionary<string, string>>? tamper = null)
    {
        var p = new Dictionary<string, string> { ["Format"] = "JSON" };
        foreach (var (k, v) in parameters ?? new Dictionary<string, string>()) p[k] = v;
        foreach (var (k, v) in new Dictionary<string, string>
        {
            ["Action"] = action, ["Version"] = version, ["AccessKeyId"] = accessKeyId,
            ["SignatureMethod"] = "HMAC-SHA1", ["SignatureVersion"] = "1.0", ["SignatureNonce"] = nonce ?? Guid.NewGuid().ToString(),
            ["Timestamp"] = Clock().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        }) p[k] = v;
        if (securityToken is not null) p["SecurityToken"] = securityToken;
        p["Signature"] = SignatureV1.Sign(SignatureV1.StringToSign("GET", p), accessKeySecret);
        tamper?.Invoke(p);
        return "/?" + string.Join("&", p.Select(kv => $"{RpcEncoding.Encode(kv.Key)}={RpcEncoding.Encode(kv.Value)}"));
    }

    public async Task<(int Status, JsonElement Body)> V3Async(string version, string action, IDictionary<string, string>? query = null)
    {
        var q = (query ?? new Dictionary<string, string>()).ToList();
        var bodyHash = SignatureV3.Sha256Hex([]);
        var headers = new List<(string, string)>
        {
            ("host", http.BaseAddress?.Authority ?? "localhost"), ("x-acs-action", action), ("x-acs-content-sha256", bodyHash),
            ("x-acs-date", Clock().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
            ("x-acs-signature-nonce", Guid.NewGuid().ToString("N")), ("x-acs-version", version),
        };
        if (securityToken is not null) headers.Add(("x-acs-security-token", securityToken));
        var canonical = SignatureV3.CanonicalRequest("POST", "/", q, headers, bodyHash);
        var signature = SignatureV3.Sign(SignatureV3.StringToSign(canonical), accessKeySecret);
        var message = new HttpRequestMessage(HttpMethod.Post, "/?" + string.Join("&", q.Select(kv => $"{RpcEncoding.Encode(kv.Key)}={RpcEncoding.Encode(kv.Value)}")))
        {
            Content = new ByteArrayContent([]),
        };
        foreach (var (name, value) in headers.Where(h => h.Item1 != "host")) message.Headers.TryAddWithoutValidation(name, value);
        message.Headers.TryAddWithoutValidation("Authorization",
            $"{SignatureV3.Algorithm} Credential={accessKeyId},SignedHeaders={string.Join(";", headers.Select(h => h.Item1))},Signature={signature}");
        var response = await http.SendAsync(message);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }
}
