using System.Text.Json;
using RamConsole.Policy.Catalog;
using RamConsole.Policy.Documents;
using RamConsole.Policy.Evaluation;

namespace RamConsole.Policy.Simulation;

/// <summary>A document to simulate: its display name and text.</summary>
public sealed record SimulatedDocument(string Name, string Text);

/// <summary>What to simulate: documents and/or system policies, an optional session policy, and one request.</summary>
public sealed record SimulationInput
{
    public IReadOnlyList<SimulatedDocument> Documents { get; init; } = [];
    public IReadOnlyList<string> SystemPolicies { get; init; } = [];
    public string? SessionPolicy { get; init; }
    public required string Action { get; init; }
    public required string Resource { get; init; }
    public IReadOnlyDictionary<string, string> Context { get; init; } = new Dictionary<string, string>();
    public int MaxDocumentLength { get; init; } = PolicyParser.DefaultMaxLength;
}

/// <summary>One statement that matched the request (action, resource and conditions).</summary>
public sealed record MatchedStatement(string PolicyName, PolicyRole Role, int StatementIndex, Effect Effect);

/// <summary>
/// The simulation's answer. When any input document is invalid, <see cref="Errors"/> says which and why (keyed by
/// document name, "SessionPolicy" for the session policy) and there is no decision.
/// </summary>
public sealed record SimulationResult
{
    public IReadOnlyDictionary<string, PolicyError> Errors { get; init; } = new Dictionary<string, PolicyError>();
    public Decision? Decision { get; init; }
    public IReadOnlyList<MatchedStatement> Matched { get; init; } = [];
    public IReadOnlyList<PolicyRef> Policies { get; init; } = [];
    public PolicyRef? Session { get; init; }

    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Evaluates documents that are not (yet) attached to anyone — the console's policy simulator and the API's
/// SimulateCustomPolicy — with the production engine, and lists every matching statement besides the deciding one.
/// </summary>
public static class PolicySimulator
{
    public const string SessionPolicyName = "SessionPolicy";

    public static SimulationResult Simulate(SimulationInput input)
    {
        var errors = new Dictionary<string, PolicyError>();
        var policies = new List<PolicyRef>();
        foreach (var document in input.Documents)
        {
            var parsed = PolicyParser.Parse(document.Text, maxLength: input.MaxDocumentLength);
            if (parsed.IsValid) policies.Add(new PolicyRef(document.Name, "v1", PolicyRef.Inline, parsed.Document!));
            else errors[document.Name] = parsed.Error!;
        }
        foreach (var name in input.SystemPolicies)
        {
            if (SystemPolicies.ByName.TryGetValue(name, out var system)) policies.Add(system);
            else errors[name] = new PolicyError("EntityNotExist.Policy", $"There is no system policy named {name}.");
        }
        PolicyRef? session = null;
        if (!string.IsNullOrWhiteSpace(input.SessionPolicy))
        {
            var parsed = PolicyParser.Parse(input.SessionPolicy, maxLength: input.MaxDocumentLength);
            if (parsed.IsValid) session = new PolicyRef(SessionPolicyName, "v1", PolicyRef.Inline, parsed.Document!);
            else errors[SessionPolicyName] = parsed.Error!;
        }
        if (errors.Count > 0) return new SimulationResult { Errors = errors };
        return Simulate(policies, session, input.Action, input.Resource, input.Context);
    }

    /// <summary>Simulates compiled policies (a principal's effective set: SimulatePrincipalPolicy).</summary>
    public static SimulationResult Simulate(IReadOnlyList<PolicyRef> policies, PolicyRef? session, string action, string resource,
        IReadOnlyDictionary<string, string> contextValues)
    {
        var context = RequestContext.From(contextValues);
        var identity = new PolicySet(policies);
        var sessionSet = session is null ? null : new PolicySet([session], PolicyRole.SessionPolicy);
        var decision = PolicyEngine.Evaluate(identity, sessionSet, action, resource, in context);
        var matched = identity.MatchingStatements(action, resource, in context)
            .Select(m => new MatchedStatement(m.Policy.Name, PolicyRole.Identity, m.Statement.Index, m.Statement.Effect))
            .Concat(sessionSet?.MatchingStatements(action, resource, in context)
                .Select(m => new MatchedStatement(m.Policy.Name, PolicyRole.SessionPolicy, m.Statement.Index, m.Statement.Effect)) ?? [])
            .ToList();
        return new SimulationResult { Decision = decision, Matched = matched, Policies = policies, Session = session };
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Each statement of a valid document as indented JSON, so a page can show and highlight them one by one.</summary>
    public static IReadOnlyList<string> StatementTexts(PolicyDocument document)
    {
        using var json = JsonDocument.Parse(document.Text);
        var statement = json.RootElement.GetProperty("Statement");
        var items = statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().ToList() : [statement];
        return [.. items.Select(s => JsonSerializer.Serialize(s, Indented))];
    }
}
