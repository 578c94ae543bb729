using System.Text.Json;
using RamConsole.Policy.Documents;
using RamConsole.Policy.Workloads;

namespace RamConsole.Web.Hosting;

/// <summary>
/// <c>policy lint &lt;file&gt; [--trust]</c> and <c>policy simulate --workload &lt;file&gt; [--out &lt;file&gt;]</c> (DESIGN §7).
/// They need no database or web host, so they run before either is built.
/// </summary>
public static class PolicyVerbs
{
    private static readonly JsonSerializerOptions CamelCase = new(JsonSerializerDefaults.Web);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        switch (args)
        {
            case ["lint", var file, .. var rest]:
                return Lint(file, rest.Contains("--trust") ? PolicyDocumentKind.Trust : PolicyDocumentKind.Identity, output, error);
            case ["simulate", .. var rest] when Option(rest, "--workload") is { } workload:
                return Simulate(workload, Option(rest, "--out"), output, error);
            default:
                error.WriteLine("usage: policy lint <file> [--trust] | policy simulate --workload <file> [--out <file>]");
                return 2;
        }
    }

    private static int Lint(string file, PolicyDocumentKind kind, TextWriter output, TextWriter error)
    {
        if (!File.Exists(file))
        {
            error.WriteLine($"{file}: no such file");
            return 2;
        }
        var result = PolicyParser.Parse(File.ReadAllText(file), kind);
        if (result.IsValid)
        {
            output.WriteLine($"{file}: valid {kind.ToString().ToLowerInvariant()} policy, {result.Document!.Statements.Count} statement(s)");
            return 0;
        }
        output.WriteLine($"{file}: {result.Error!.Code}: {result.Error.Message}");
        return 1;
    }

    private static int Simulate(string workloadFile, string? outFile, TextWriter output, TextWriter error)
    {
        if (!File.Exists(workloadFile))
        {
            error.WriteLine($"{workloadFile}: no such file");
            return 2;
        }
        var workload = Workload.Load(workloadFile);
        var (report, decisions) = WorkloadRunner.Run(workload);
        if (outFile is not null) File.WriteAllLines(outFile, decisions.Select(d => d.ToString()));
        output.WriteLine(JsonSerializer.Serialize(report, CamelCase));
        return report.Mismatches == 0 ? 0 : 1;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
