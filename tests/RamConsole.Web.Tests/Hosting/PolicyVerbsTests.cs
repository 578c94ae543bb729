using System.Text.Json;
using RamConsole.Tests.Shared;
using RamConsole.Web.Hosting;

namespace RamConsole.Web.Tests.Hosting;

public sealed class PolicyVerbsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ramconsole-verbs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = PolicyVerbs.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Lint_accepts_a_valid_document_with_exit_code_0()
    {
        var file = Path.Combine(_directory, "ok.json");
        File.WriteAllText(file, """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:Describe*","Resource":"*"}]}""");

        var (exit, output, _) = Run("lint", file);

        Assert.Equal(0, exit);
        Assert.Contains("valid identity policy, 1 statement(s)", output);
    }

    [Fact]
    public void Lint_refuses_an_invalid_document_with_exit_code_1_and_the_message()
    {
        var file = Path.Combine(_directory, "bad.json");
        File.WriteAllText(file, """{"Version":"1","Statement":[{"Effect":"Permit","Action":"kvstore:*","Resource":"*"}]}""");

        var (exit, output, _) = Run("lint", file);

        Assert.Equal(1, exit);
        Assert.Contains("MalformedPolicyDocument: Statement[0].Effect: must be \"Allow\" or \"Deny\", not \"Permit\"", output);
    }

    [Fact]
    public void Lint_checks_trust_policies_with_the_trust_flag()
    {
        var file = Path.Combine(_directory, "trust.json");
        File.WriteAllText(file, """{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1234567890123456:root"}}]}""");

        Assert.Equal(1, Run("lint", file).Exit);
        Assert.Equal(0, Run("lint", file, "--trust").Exit);
    }

    [Fact]
    public void Simulate_decides_the_10k_workload_with_no_mismatch_and_writes_one_decision_per_line()
    {
        var decisions = Path.Combine(_directory, "decisions.txt");

        var (exit, output, error) = Run("simulate", "--workload", SharedVectors.PathOf("workload-10k.json"), "--out", decisions);

        Assert.True(exit == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(10_000, report.GetProperty("requests").GetInt32());
        Assert.Equal(0, report.GetProperty("mismatches").GetInt32());
        Assert.Equal(3480, report.GetProperty("allow").GetInt32());
        Assert.Equal(4574, report.GetProperty("explicitDeny").GetInt32());
        Assert.Equal(1946, report.GetProperty("implicitDeny").GetInt32());
        Assert.True(report.GetProperty("seconds").GetDouble() >= 2.0);
        Assert.True(report.GetProperty("decisionsPerSecond").GetDouble() > 0);
        var lines = File.ReadAllLines(decisions);
        Assert.Equal(10_000, lines.Length);
        Assert.All(lines, l => Assert.Contains(l, new[] { "Allow", "ExplicitDeny", "ImplicitDeny" }));
    }

    [Fact]
    public void Unknown_verbs_print_usage_with_exit_code_2()
    {
        var (exit, _, error) = Run("frobnicate");

        Assert.Equal(2, exit);
        Assert.Contains("usage: policy lint", error);
    }
}
