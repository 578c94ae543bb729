using System.Text.Json;
using RamConsole.Policy.Documents;
using RamConsole.Policy.Evaluation;

namespace RamConsole.Policy.Workloads;

/// <summary>One request of a workload, with its context kept as the strings the API would receive.</summary>
public sealed record WorkloadRequest(PolicySet Policies, string Action, string Resource, RequestContext Context, DecisionKind Expected);

/// <summary>
/// A <c>ram-authz-workload/1</c> file (see shared/vectors/README.md): principals in groups, attached policy documents,
/// and requests with expected decisions. Loading compiles every document once and builds one policy set per principal.
/// </summary>
public sealed class Workload
{
    public const string Format = "ram-authz-workload/1";

    private Workload(IReadOnlyList<WorkloadRequest> requests, int documents, TimeSpan compileTime)
    {
        Requests = requests;
        DocumentCount = documents;
        CompileTime = compileTime;
    }

    public IReadOnlyList<WorkloadRequest> Requests { get; }
    public int DocumentCount { get; }

    /// <summary>Time to validate and compile the documents (cold, first load in the process).</summary>
    public TimeSpan CompileTime { get; }

    public static Workload Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var json = JsonDocument.Parse(stream);
        var root = json.RootElement;
        if (root.GetProperty("format").GetString() != Format) throw new InvalidDataException($"{path} is not a {Format} file.");

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var policies = root.GetProperty("policies").EnumerateArray().Select(p =>
        {
            var name = p.GetProperty("name").GetString()!;
            var parsed = PolicyParser.Parse(p.GetProperty("document").GetRawText(), maxLength: int.MaxValue);
            if (!parsed.IsValid) throw new InvalidDataException($"Policy {name}: {parsed.Error!.Message}");
            var attached = p.GetProperty("attachedTo").EnumerateArray()
                .Select(a => (Type: a.GetProperty("type").GetString()!, Name: a.GetProperty("name").GetString()!)).ToArray();
            return (Ref: new PolicyRef(name, "v1", PolicyRef.Custom, parsed.Document!), Attached: attached);
        }).ToList();
        var compileTime = System.Diagnostics.Stopwatch.GetElapsedTime(started);

        var byUser = policies.SelectMany(p => p.Attached.Where(a => a.Type == "User").Select(a => (a.Name, p.Ref))).ToLookup(x => x.Name, x => x.Ref);
        var byGroup = policies.SelectMany(p => p.Attached.Where(a => a.Type == "Group").Select(a => (a.Name, p.Ref))).ToLookup(x => x.Name, x => x.Ref);
        var sets = root.GetProperty("principals").EnumerateArray().ToDictionary(
            p => p.GetProperty("name").GetString()!,
            p => new PolicySet(byUser[p.GetProperty("name").GetString()!]
                .Concat(p.GetProperty("groups").EnumerateArray().SelectMany(g => byGroup[g.GetString()!]))
                .Distinct()));

        var keys = root.GetProperty("requestContextKeys");
        var codes = root.GetProperty("expectedCodes").EnumerateObject().ToDictionary(c => c.Name, c => Enum.Parse<DecisionKind>(c.Value.GetString()!));
        var requests = root.GetProperty("requests").EnumerateArray().Select(r =>
        {
            var principal = r[0].GetString()!;
            var context = RequestContext.From(
            [
                KeyValuePair.Create(keys.GetProperty("sourceIp").GetString()!, r[3].GetString()!),
                KeyValuePair.Create(keys.GetProperty("mfaPresent").GetString()!, r[4].GetBoolean() ? "true" : "false"),
                KeyValuePair.Create(keys.GetProperty("currentTime").GetString()!, r[5].GetString()!),
            ]);
            var set = sets.TryGetValue(principal, out var s) ? s : PolicySet.Empty();
            return new WorkloadRequest(set, r[1].GetString()!, r[2].GetString()!, context, codes[r[6].GetString()!]);
        }).ToArray();
        return new Workload(requests, policies.Count, compileTime);
    }
}
