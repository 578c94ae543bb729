using System.Text.Json;
using System.Text.Json.Nodes;
using RamConsole.Policy.Documents;
using RamConsole.Policy.Evaluation;
using RamConsole.Tests.Shared;

namespace RamConsole.Policy.Tests.Vectors;

/// <summary>Every case and every invalid document of ../shared/vectors/policy-eval.json, one test per name.</summary>
public sealed class PolicyEvalVectorTests
{
    private static readonly Lazy<JsonNode> Vectors = new(() => JsonNode.Parse(File.ReadAllText(SharedVectors.PathOf("policy-eval.json")))!);

    public static TheoryData<string> CaseNames() => [.. Vectors.Value["cases"]!.AsArray().Select(c => (string)c!["name"]!)];

    public static TheoryData<string> InvalidNames() => [.. Vectors.Value["invalid"]!.AsArray().Select(c => (string)c!["name"]!)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Evaluation_case(string name)
    {
        var vector = Vectors.Value["cases"]!.AsArray().Single(c => (string)c!["name"]! == name)!;
        var identity = new PolicySet(vector["policies"]!.AsArray().Select((p, i) => Compile(p!, $"policy-{i}")));
        var session = vector["sessionPolicy"] is { } s ? new PolicySet([Compile(s, "session")], PolicyRole.SessionPolicy) : null;
        var request = vector["request"]!;
        var context = RequestContext.From(request["context"]!.AsObject().Select(kv => KeyValuePair.Create(kv.Key, (string)kv.Value!)));

        var decision = PolicyEngine.Evaluate(identity, session, (string)request["action"]!, (string)request["resource"]!, in context);

        Assert.Equal((string)vector["expect"]!, decision.Kind.ToString());
        if (decision.Kind != DecisionKind.ImplicitDeny)
        {
            Assert.NotNull(decision.Policy); // a decision by a statement names it
            Assert.InRange(decision.StatementIndex, 0, decision.Policy!.Document.Statements.Count - 1);
        }
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Invalid_document(string name)
    {
        var vector = Vectors.Value["invalid"]!.AsArray().Single(c => (string)c!["name"]! == name)!;

        var result = PolicyParser.Parse((string)vector["document"]!);

        Assert.False(result.IsValid);
        Assert.Equal((string)vector["error"]!, result.Error!.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
    }

    private static PolicyRef Compile(JsonNode document, string name)
    {
        var result = PolicyParser.Parse(document.ToJsonString());
        Assert.True(result.IsValid, result.Error?.Message);
        return new PolicyRef(name, "v1", PolicyRef.Custom, result.Document!);
    }
}
