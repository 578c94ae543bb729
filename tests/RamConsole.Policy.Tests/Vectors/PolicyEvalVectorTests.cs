using System.Text.Json;
using System.Text.Json.Nodes;
using RamConsole.Policy.Documents;
using RamConsole.Policy.Evaluation;
using RamConsole.Tests.Shared;

namespace RamConsole.Policy.Tests.Vectors;

/// <summary>
/// Every case and every invalid document of ../shared/vectors/policy-eval.json, and of our own condition-lists.json
/// (value lists under each operator family, in the same format), one test per (file, name).
/// </summary>
public sealed class PolicyEvalVectorTests
{
    private static readonly Dictionary<string, Lazy<JsonNode>> Files = new()
    {
        ["policy-eval.json"] = new(() => JsonNode.Parse(File.ReadAllText(SharedVectors.PathOf("policy-eval.json")))!),
        ["condition-lists.json"] = new(() => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "condition-lists.json")))!),
    };

    public static TheoryData<string, string> CaseNames() => Names("cases");

    public static TheoryData<string, string> InvalidNames() => Names("invalid");

    private static TheoryData<string, string> Names(string list)
    {
        var names = new TheoryData<string, string>();
        foreach (var (file, vectors) in Files)
            foreach (var c in vectors.Value[list]!.AsArray()) names.Add(file, (string)c!["name"]!);
        return names;
    }

    private static JsonNode Vector(string file, string list, string name) => Files[file].Value[list]!.AsArray().Single(c => (string)c!["name"]! == name)!;

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Evaluation_case(string file, string name)
    {
        var vector = Vector(file, "cases", name);
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
    public void Invalid_document(string file, string name)
    {
        var vector = Vector(file, "invalid", name);

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
