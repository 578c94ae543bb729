using System.Text.Json;
using RamConsole.Core.Policies;
using RamConsole.Policy.Documents;
using RamConsole.Policy.Evaluation;
using RamConsole.Policy.Catalog;
using RamConsole.Policy.Simulation;
using static RamConsole.Web.Api.Rpc;

namespace RamConsole.Web.Api.Operations;

/// <summary>Our policy-simulation extensions to RAM 2015-05-01 (DESIGN §6): SimulateCustomPolicy and SimulatePrincipalPolicy.</summary>
internal static class SimulationOperations
{
    public static IReadOnlyDictionary<string, ApiOperation> All { get; } = new Dictionary<string, ApiOperation>
    {
        ["SimulateCustomPolicy"] = Op(RamActions.SimulateCustomPolicy, async c =>
        {
            var documents = JsonList(c, "PolicyInputList", required: true)
                .Select((text, i) => new SimulatedDocument($"PolicyInputList[{i}]", text)).ToList();
            var session = c.Optional("SessionPolicy");
            return await EvaluateAsync(c, async (action, resource, context) =>
            {
                var result = await c.Use<SimulateCustomPolicy>().RunAsync(c.Caller, new SimulationInput
                {
                    Documents = documents, SessionPolicy = session, Action = action, Resource = resource, Context = context,
                }, c.CancellationToken);
                return result.IsValid ? result : throw new RamConsole.Core.Errors.RamException(result.Errors.First().Value.Code,
                    $"{result.Errors.First().Key}: {result.Errors.First().Value.Message}", 400, "PolicyInputList");
            });
        }),
        ["SimulatePrincipalPolicy"] = Op(RamActions.SimulatePrincipalPolicy, async c =>
        {
            var source = c.Required("PolicySourceArn");
            var user = source.Contains(":user/", StringComparison.Ordinal) ? source[(source.IndexOf(":user/", StringComparison.Ordinal) + 6)..]
                : throw new RamConsole.Core.Errors.RamException("InvalidParameter.PolicySourceArn", "PolicySourceArn is a RAM user's ARN (acs:ram::<AccountId>:user/<name>).", 400, "PolicySourceArn");
            return await EvaluateAsync(c, (action, resource, context) => c.Use<SimulatePrincipalPolicy>().RunAsync(c.Caller, user, action, resource, context, c.CancellationToken));
        }),
    };

    private static async Task<object> EvaluateAsync(ApiCall c, Func<string, string, IReadOnlyDictionary<string, string>, Task<SimulationResult>> simulate)
    {
        var actions = JsonList(c, "ActionNames", required: true);
        var resources = JsonList(c, "ResourceArns", required: false) is { Count: > 0 } r ? r : ["*"];
        var context = Context(c);
        var results = new List<object>();
        foreach (var action in actions)
        {
            foreach (var resource in resources)
            {
                var result = await simulate(action, resource, context);
                results.Add(new
                {
                    EvalActionName = action,
                    EvalResourceName = resource,
                    EvalDecision = result.Decision!.Value.Kind switch { DecisionKind.Allow => "allowed", DecisionKind.ExplicitDeny => "explicitDeny", _ => "implicitDeny" },
                    MatchedStatements = new { Statement = result.Matched.Select(m => new { SourcePolicyId = m.PolicyName, m.StatementIndex }).ToList() },
                });
            }
        }
        return new { EvaluationResults = new { EvaluationResult = results } };
    }

    /// <summary>A JSON array parameter; items may be strings or (for documents) JSON objects.</summary>
    private static List<string> JsonList(ApiCall c, string name, bool required)
    {
        var text = required ? c.Required(name) : c.Optional(name);
        if (string.IsNullOrWhiteSpace(text)) return [];
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind != JsonValueKind.Array) throw new JsonException();
            return [.. json.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())];
        }
        catch (JsonException)
        {
            throw new RamConsole.Core.Errors.RamException($"InvalidParameter.{name}", $"{name} is a JSON array.", 400, name);
        }
    }

    private static Dictionary<string, string> Context(ApiCall c)
    {
        var context = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (c.Optional("ContextEntries") is not { Length: > 0 } text) return context;
        try
        {
            using var json = JsonDocument.Parse(text);
            foreach (var entry in json.RootElement.EnumerateObject())
            {
                var value = entry.Value.ValueKind == JsonValueKind.Array ? entry.Value.EnumerateArray().FirstOrDefault() : entry.Value;
                context[entry.Name] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            }
            return context;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new RamConsole.Core.Errors.RamException("InvalidParameter.ContextEntries", "ContextEntries is a JSON object of key → value.", 400, "ContextEntries");
        }
    }
}
