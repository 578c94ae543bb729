using System.Text.Json.Nodes;
using RamConsole.Tests.Shared;
using RamConsole.Web.Api.Signing;

namespace RamConsole.Web.Tests.Api;

/// <summary>../shared/vectors/signature-v1.json and signature-v3.json, step by step.</summary>
public sealed class SignatureVectorTests
{
    private static JsonArray Cases(string file) => JsonNode.Parse(File.ReadAllText(SharedVectors.PathOf(file)))!["cases"]!.AsArray();

    [Fact]
    public void V1_string_to_sign_and_signature_match_the_vectors()
    {
        foreach (var vector in Cases("signature-v1.json"))
        {
            var parameters = vector!["params"]!.AsObject().Select(p => KeyValuePair.Create(p.Key, (string)p.Value!));

            var stringToSign = SignatureV1.StringToSign((string)vector["method"]!, parameters);

            Assert.Equal((string)vector["stringToSign"]!, stringToSign);
            Assert.Equal((string)vector["signature"]!, SignatureV1.Sign(stringToSign, (string)vector["accessKeySecret"]!));
            Assert.Equal((string)vector["signature"]!, SignatureV1.Compute((string)vector["method"]!, parameters, (string)vector["accessKeySecret"]!));
        }
    }

    [Fact]
    public void The_one_pass_V1_signature_equals_signing_the_built_string_for_any_parameters()
    {
        var random = new Random(20261128);
        const string alphabet = "AZaz09-_.~ !*'()&=+/%?#:@$,;\"\u00e9\u4e2d\ud83d\ude00\ud800"; // unreserved, reserved, non-ASCII, an emoji, a lone surrogate
        string Text(int length) => new([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
        for (var run = 0; run < 300; run++)
        {
            var parameters = Enumerable.Range(0, random.Next(1, 12)).Select(i => KeyValuePair.Create($"{Text(random.Next(1, 6))}{i}", Text(random.Next(0, 64))))
                .Append(KeyValuePair.Create("SecurityToken", Text(1500)))
                .Append(KeyValuePair.Create("Signature", "ignored")).ToList();
            var method = run % 2 == 0 ? "GET" : "post";

            Assert.Equal(SignatureV1.Sign(SignatureV1.StringToSign(method, parameters), "secret-" + run),
                SignatureV1.Compute(method, parameters, "secret-" + run));
        }
    }

    [Fact]
    public void V3_canonical_request_hash_signature_and_header_match_the_vectors()
    {
        foreach (var vector in Cases("signature-v3.json"))
        {
            var headers = vector!["headers"]!.AsObject().ToDictionary(h => h.Key, h => (string)h.Value!);
            var signed = ((string)vector["signedHeaders"]!).Split(';').Select(n => (n, headers[n])).ToList();
            var query = ((string)vector["query"]!).Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2)).Select(p => KeyValuePair.Create(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1])));
            var bodyHash = SignatureV3.Sha256Hex(System.Text.Encoding.UTF8.GetBytes((string)vector["body"]!));

            var canonical = SignatureV3.CanonicalRequest((string)vector["method"]!, (string)vector["path"]!, query, signed, bodyHash);
            var signature = SignatureV3.Sign(SignatureV3.StringToSign(canonical), (string)vector["accessKeySecret"]!);

            Assert.Equal(headers["x-acs-content-sha256"], bodyHash);
            Assert.Equal((string)vector["canonicalRequest"]!, canonical);
            Assert.Equal((string)vector["hashedCanonicalRequest"]!, SignatureV3.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(canonical)));
            Assert.Equal((string)vector["signature"]!, signature);
            var parsed = SignatureV3.ParseAuthorization((string)vector["authorization"]!);
            Assert.Equal(("testid", signature), (parsed!.Value.Credential, parsed.Value.Signature));
            Assert.Equal(signed.Select(s => s.n), parsed.Value.SignedHeaders);
        }
    }

    [Theory]
    [InlineData("a b*c~d", "a%20b%2Ac~d")]
    [InlineData("é/:", "%C3%A9%2F%3A")]
    public void Encoding_follows_RFC_3986_as_the_SDKs_do(string value, string encoded)
    {
        Assert.Equal(encoded, RpcEncoding.Encode(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer x")]
    [InlineData("ACS3-HMAC-SHA256 Credential=id")]
    [InlineData("ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=ab")]
    public void Incomplete_authorization_headers_are_not_parsed(string? header)
    {
        Assert.Null(SignatureV3.ParseAuthorization(header));
    }
}
