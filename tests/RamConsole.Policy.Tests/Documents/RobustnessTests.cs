using System.Text;
using RamConsole.Policy.Documents;

namespace RamConsole.Policy.Tests.Documents;

/// <summary>
/// Feeds the parser over 20,000 generated and mutated documents. Each must come back valid or refused with
/// MalformedPolicyDocument or the length error — never any other exception.
/// </summary>
public sealed class RobustnessTests
{
    private static readonly string[] Seeds =
    [
        """{"Version":"1","Statement":[{"Effect":"Allow","Action":["kvstore:Describe*","ram:Get*"],"Resource":["acs:kvstore:*:123:instance/r-*"],"Condition":{"IpAddress":{"acs:SourceIp":["10.0.0.0/8","2001:db8::/32"]},"DateLessThan":{"acs:CurrentTime":"2027-01-01T00:00:00Z"},"Bool":{"acs:MFAPresent":"true"},"NumericLessThan":{"sts:DurationSeconds":3600},"StringLike":{"acs:PrincipalARN":"acs:ram::*:user/ops-*"}}}]}""",
        """{"Version":"1","Statement":{"Effect":"Deny","NotAction":"kvstore:Describe*","NotResource":"*"}}""",
        """{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::123:root"],"Service":"ecs.aliyuncs.com"},"Condition":{"StringEquals":{"sts:ExternalId":"x"}}}]}""",
    ];

    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "\"", "null", "true", "1e309", "-0", "\"Version\"", "\"Statement\"", "\"Effect\"", "\"Allow\"",
        "\"Condition\"", "\"IpAddress\"", "\"*\"", "\"\\u0000\"", "\"\\ud800\"", "\u00e9\u4e2d\U0001F600", "[[[[[[[[", "]]]]]]]]", "{}", "[]",
    ];

    [Fact]
    public void Twenty_thousand_mutated_documents_never_throw()
    {
        var random = new Random(20261127);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 20_000; i++)
        {
            var document = Mutate(Seeds[i % Seeds.Length], random, i);
            PolicyParseResult result;
            try
            {
                result = PolicyParser.Parse(document, i % 3 == 2 ? PolicyDocumentKind.Trust : PolicyDocumentKind.Identity, maxLength: 6144);
            }
            catch (Exception e)
            {
                Assert.Fail($"Document {i} threw {e.GetType().Name}: {e.Message}\n{document[..Math.Min(500, document.Length)]}");
                return;
            }
            var key = result.IsValid ? "valid" : result.Error!.Code;
            Assert.Contains(key, new[] { "valid", PolicyError.Malformed, PolicyError.TooLong });
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
        }
        // The generator must exercise every outcome, or this test proves little.
        Assert.True(outcomes.GetValueOrDefault("valid") > 100, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(PolicyError.Malformed) > 10_000, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(PolicyError.TooLong) > 100, string.Join(", ", outcomes));
    }

    private static string Mutate(string seed, Random random, int i)
    {
        switch (i % 8)
        {
            case 0: return seed[..random.Next(seed.Length + 1)]; // truncation
            case 1: // huge array of actions
                return "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[" +
                    string.Join(",", Enumerable.Range(0, random.Next(1, 800)).Select(n => $"\"svc:A{n}\"")) + "],\"Resource\":\"*\"}]}";
            case 2: // deep nesting
                var depth = random.Next(1, 200);
                return "{\"Version\":\"1\",\"Statement\":" + new string('[', depth) + "{}" + new string(']', depth) + "}";
            case 3: // random unicode noise
                var noise = new StringBuilder();
                for (var n = random.Next(1, 300); n > 0; n--) noise.Append((char)random.Next(0, 0xFFFF));
                return noise.ToString();
            case 4: // type swaps: replace a string value with another JSON type
                return ReplaceRandom(seed, random, "\"Allow\"", ["1", "null", "[]", "{}", "true", "\"allow\""]);
            default: // splice fragments at random places
                var text = new StringBuilder(seed);
                for (var n = random.Next(1, 6); n > 0; n--)
                {
                    var at = random.Next(text.Length + 1);
                    if (random.Next(3) == 0 && text.Length > 0) text.Remove(Math.Min(at, text.Length - 1), 1);
                    else text.Insert(at, Fragments[random.Next(Fragments.Length)]);
                }
                return text.ToString();
        }
    }

    private static string ReplaceRandom(string seed, Random random, string what, string[] with)
    {
        var at = seed.IndexOf(what, StringComparison.Ordinal);
        return at < 0 ? seed : seed[..at] + with[random.Next(with.Length)] + seed[(at + what.Length)..];
    }
}
