using System.Text.Json.Nodes;
using CsCheck;
using RamConsole.Policy.Documents;
using RamConsole.Policy.Evaluation;

namespace RamConsole.Policy.Tests.Properties;

/// <summary>
/// The compiled engine (plans, folding, de-duplication, segment matching, lazy parsing) against
/// <see cref="ReferenceInterpreter"/> on generated documents and requests: same decision, and the same policy and
/// statement named by the explanation. The vocabularies are small on purpose, so that generated statements and
/// requests meet often — catalogue and unknown actions, case variants, both region spellings, colons in odd places,
/// every operator, keys absent or unparseable.
/// </summary>
public sealed class CompiledEngineProperties
{
    private const int Cases = 100_000;
    private const int RequestsPerCase = 3; // several requests on one set: its plans are compiled once and reused

    private static readonly string[] Actions =
        ["ram:GetUser", "ram:getuser", "RAM:ListUsers", "ram:CreateUser", "ram:DeleteUser", "ram:CreateAccessKey", "sts:AssumeRole",
         "kvstore:DescribeInstances", "kvstore:FlushInstance", "oss:GetObject", "ram:NotInTheCatalogue", "ram:Get"];

    private static readonly string[] ActionPatterns =
        ["*", "ram:*", "ram:Get*", "ram:GetUser", "ram:getuser", "RAM:ListUsers", "ram:?etUser", "ram:*User", "ram:*User*", "kvstore:*",
         "kvstore:Describe*", "sts:AssumeRole", "ram:NotInTheCatalogue", "oss:*", "*:Get*", "ram:List*s", "ram:Create*", "*:*User", "ram:Get?*", "*:*"];

    private static readonly string[] Resources =
        ["acs:ram::123:user/alice", "acs:ram:*:123:user/alice", "acs:ram:*:123:user/bob", "acs:ram::456:user/alice",
         "acs:ram:cn-hangzhou:123:user/alice", "acs:kvstore:cn-hangzhou:123:instance/r-abc", "acs:kvstore:*:123:instance/r-abc",
         "acs:ram::123:role/a:b", "acs:ram:*:123:role/a:b", "acs:ram::123", "*", "", "acs:ram:*:123:user/", "acs:ram:*:*:user/alice",
         "acs:ram::123:user/Alice", "acs::*:x", "acs:ram:*:"];

    private static readonly string[] ResourcePatterns =
        ["*", "acs:ram:*:123:user/*", "acs:ram::123:user/*", "acs:ram::123:user/alice", "acs:ram:*:123:*", "acs:ram:cn-hangzhou:123:user/*",
         "acs:*:*:123:*", "acs:ram::123:user/al?ce", "acs:ram::123:user/*e", "acs:ram::*:user/bob", "acs:kvstore:cn-hangzhou:123:instance/r-*",
         "acs:kvstore:*:*:instance/*", "acs:ram::123:role/a:b", "acs:ram::123:role/*", "acs:ram::123", "acs:ram::123:user/a*e*",
         "acs:ram::456:user/*", "acs:ram:*:123:user/", "acs:*", "acs:ram::*", "acs:ram:*:*:*", "acs:::*", "acs:ram::123:user/?????",
         "acs:ram:??:123:*", "acs:kvstore:*:123:instance/r-abc"];

    // Wildcard fragments joined at random, for shapes the lists above do not think of (colons in odd places).
    private static readonly string[] Fragments = ["acs", ":", ":", "ram", "*", "?", "user/", "alice", "123", "*:"];

    private static readonly string[] Times =
        ["2026-01-01T00:00:00Z", "2026-06-01T04:00:00Z", "2026-06-01T04:00:00.000Z", "2025-12-31T23:59:59Z", "2026-03-01T00:00:00+01:00",
         "2026-03-01T00:00:00Z", "yesterday", ""];

    private static readonly string[] ListedTimes = ["2026-01-01T00:00:00Z", "2026-06-01T12:00:00+08:00", "2025-12-31T23:59:59.5Z", "2026-03-01"];
    private static readonly string[] Ips = ["10.1.2.3", "10.200.0.1", "192.168.1.1", "172.20.0.9", "2001:db8::1", "::1", "8.8.8.8", "not-an-ip", ""];
    private static readonly string[] Blocks = ["10.0.0.0/8", "10.1.2.3", "192.168.0.0/16", "0.0.0.0/0", "2001:db8::/32", "::1", "10.1.2.3/32", "172.16.5.4/12", "10.1.2.0/24", "::/0"];
    private static readonly string[] Flags = ["true", "false", "TRUE", "False", "yes", ""];
    private static readonly string[] Strings = ["ecs", "Ecs", "ECS", "ram", "e*", "acs:ram::123:user/alice", "ACS:RAM::123:USER/ALICE", "?cs", "x"];
    private static readonly string[] Numbers = ["1", "2.5", "10", "-3", "abc", "1e1"];

    private static readonly (string Op, string[] Keys, string[] Values)[] Operators =
    [
        ("IpAddress", ["acs:SourceIp", "acs:sourceip", "custom:Ip"], Blocks),
        ("NotIpAddress", ["acs:SourceIp", "custom:Ip"], Blocks),
        ("Bool", ["acs:MFAPresent", "acs:SecureTransport", "acs:mfapresent", "custom:Flag"], ["true", "false", "TRUE", "False"]),
        .. new[] { "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals" }
            .Select(op => (op, new[] { "acs:CurrentTime", "custom:Time" }, ListedTimes)),
        .. new[] { "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals" }
            .Select(op => (op, new[] { "custom:Count" }, new[] { "1", "2.5", "10", "-3" })),
        .. new[] { "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike" }
            .Select(op => (op, new[] { "ram:ServiceName", "acs:PrincipalARN", "custom:Tag", "acs:SourceIp" }, Strings)),
    ];

    private static Gen<JsonNode> OneOrMany(Gen<string> item) => Gen.Select(item.Array[1, 3], Gen.Int[0, 2], (values, shape) =>
        shape == 0 ? JsonValue.Create(values[0]) : (JsonNode)new JsonArray([.. values.Select(v => JsonValue.Create(v))]));

    private static readonly Gen<string> RandomText = Gen.OneOf(Fragments).Array[0, 7].Select(parts => string.Concat(parts));

    // A resource pattern is "*", only wildcards, or starts with acs: (the parser's rule).
    private static readonly Gen<string> RandomPattern = Gen.Select(RandomText, Gen.Int[0, 5], (text, shape) =>
        shape == 0 ? "*?" [..Math.Max(1, text.Length % 3)] + "*" : "acs:" + text);

    /// <summary>One to three (operator, key, values) picks, merged into a Condition block (a repeated pair is dropped).</summary>
    private static readonly Gen<JsonObject> Condition =
        Gen.Select(Gen.Int[0, Operators.Length - 1], Gen.Int[0, 99], Gen.Int[0, 99].Array[1, 3], Gen.Bool).Array[1, 3].Select(picks =>
        {
            var condition = new JsonObject();
            foreach (var (op, keyPick, valuePicks, scalar) in picks)
            {
                var (name, keys, pool) = Operators[op];
                var key = keys[keyPick % keys.Length];
                var block = condition[name] as JsonObject ?? (JsonObject)(condition[name] = new JsonObject());
                if (block.ContainsKey(key)) continue;
                var values = valuePicks.Select(v => pool[v % pool.Length]).ToArray();
                block[key] = scalar ? JsonValue.Create(values[0]) : new JsonArray([.. values.Select(v => JsonValue.Create(v))]);
            }
            return condition;
        });

    private static readonly Gen<JsonObject> Statement = Gen.Select(
        Gen.Frequency((3, "Allow"), (2, "Deny")),
        Gen.Frequency((4, "Action"), (1, "NotAction")),
        OneOrMany(Gen.OneOf(ActionPatterns)),
        Gen.Frequency((5, "Resource"), (1, "NotResource")),
        OneOrMany(Gen.Frequency((4, (IGen<string>)Gen.OneOf(ResourcePatterns)), (1, RandomPattern))),
        Gen.Select(Gen.Int[0, 2], Condition, (n, condition) => n == 0 ? null : condition),
        (effect, actionKey, actions, resourceKey, resources, condition) =>
        {
            var statement = new JsonObject { ["Effect"] = effect, [actionKey] = actions, [resourceKey] = resources };
            if (condition is not null) statement["Condition"] = condition;
            return statement;
        });

    private static readonly Gen<JsonObject> Document = Statement.Array[1, 4].Select(statements =>
        new JsonObject { ["Version"] = "1", ["Statement"] = new JsonArray([.. statements]) });

    /// <summary>A request: each context key present or not (and, when present, sometimes unparseable).</summary>
    private static readonly Gen<(string Action, string Resource, (string Key, string Value)[] Context)> Request = Gen.Select(
        Gen.OneOf(Actions),
        Gen.Frequency((5, (IGen<string>)Gen.OneOf(Resources)), (1, RandomText), (1, RandomPattern)),
        Gen.Select(
            Maybe("acs:SourceIp", Ips), Maybe("acs:MFAPresent", Flags), Maybe("acs:CurrentTime", Times), Maybe("acs:SecureTransport", Flags),
            Maybe("acs:PrincipalARN", Strings), Maybe("ram:ServiceName", Strings), Maybe("custom:Tag", Strings), Maybe("custom:Count", Numbers),
            Maybe("custom:Flag", Flags), Maybe("custom:Time", Times), Maybe("custom:Ip", Ips),
            (a, b, c, d, e, f, g, h, i, j, k) => new[] { a, b, c, d, e, f, g, h, i, j, k }.OfType<(string, string)>().ToArray()),
        (action, resource, context) => (action, resource, context));

    private static Gen<(string, string)?> Maybe(string key, string[] values) =>
        Gen.Select(Gen.Int[0, 3], Gen.OneOf(values), (n, v) => n == 0 ? null : ((string, string)?)(key, v));

    [Fact]
    public void The_compiled_engine_decides_and_explains_as_the_reference_interpreter()
    {
        var cases = 0L;
        Gen.Select(Document.Array[1, 3], Request.Array[RequestsPerCase]).Sample((documents, requests) =>
        {
            var policies = documents.Select((d, i) =>
            {
                var parsed = PolicyParser.Parse(d.ToJsonString(), maxLength: int.MaxValue);
                Assert.True(parsed.IsValid, $"The generator made a document the parser refuses ({parsed.Error?.Message}): {d.ToJsonString()}");
                return new PolicyRef($"p{i}", "v1", PolicyRef.Custom, parsed.Document!);
            }).ToArray();
            var set = new PolicySet(policies);
            foreach (var (action, resource, pairs) in requests)
            {
                var context = RequestContext.From(pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)));
                var expected = ReferenceInterpreter.Decide(documents, action, resource, pairs.ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value));
                var decided = set.Evaluate(action, resource, context);
                var explained = (decided.Kind.ToString(), decided.Policy is null ? -1 : Array.IndexOf(policies, decided.Policy), decided.StatementIndex);
                Assert.True((expected.Outcome.ToString(), expected.Document, expected.Statement) == explained,
                    $"{action} on '{resource}' with {string.Join(", ", pairs)}: the interpreter says {expected}, the engine {explained}");
                Assert.Equal(decided.Kind, set.Decide(action, resource, context)); // the fast path alone agrees
            }
            Interlocked.Increment(ref cases);
        }, iter: Cases, print: t => string.Join("\n", t.Item1.Select(d => d.ToJsonString())) + "\n" + string.Join("\n", t.Item2.Select(r => $"{r.Action} on '{r.Resource}' with {string.Join(", ", r.Context)}")));
        Assert.Equal(Cases, cases);
    }
}
