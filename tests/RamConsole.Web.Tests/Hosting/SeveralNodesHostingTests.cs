using RamConsole.Tests.Shared;
using RamConsole.Web.Hosting;

namespace RamConsole.Web.Tests.Hosting;

/// <summary>What one node on SQLite says to a load balancer, and the copy-database verb's refusals of bad input.</summary>
public sealed class SeveralNodesHostingTests : IAsyncLifetime
{
    private readonly RamConsoleFactory _factory = new();

    [Fact]
    public async Task One_node_on_SQLite_is_live_and_ready_with_only_its_database_to_check()
    {
        using var http = _factory.CreateClient();

        var ready = await http.GetAsync("/healthz/ready");
        var body = await ready.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)ready.StatusCode);
        Assert.Equal("""{"status":"ready","checks":{"database":"ok"}}""", body);
        Assert.Equal(200, (int)(await http.GetAsync("/healthz/live")).StatusCode);
    }

    [Theory]
    [InlineData(new string[0], "usage: copy-database")]
    [InlineData(new[] { "--to-provider", "PostgreSQL" }, "usage: copy-database")]
    [InlineData(new[] { "--to-provider", "Oracle", "--to", "Host=x" }, "Oracle")]
    public async Task Copy_database_refuses_missing_or_unknown_arguments_with_a_usage_line(string[] args, string expected)
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await CopyDatabaseVerb.RunAsync(args, output, error);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error.ToString());
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task Copy_database_into_a_server_that_cannot_be_reached_fails_with_its_reason_and_no_password()
    {
        _ = _factory.Server; // a migrated installation to copy from
        var (output, error) = (new StringWriter(), new StringWriter());
        var port = ClusterNodeProcess.FreePort();

        var exit = await CopyDatabaseVerb.RunAsync(
            ["--to-provider", "PostgreSQL", "--to", $"Host=127.0.0.1;Port={port};Username=ram;Password=Do-Not-Print-Me;Timeout=2",
                $"--ConnectionStrings:Ram=Data Source={Path.Combine(_factory.DataDirectory, "ram.db")}"], output, error);

        Assert.Equal(1, exit);
        Assert.StartsWith("copy-database: ", error.ToString());
        Assert.Contains(port.ToString(), error.ToString()); // it got as far as the target
        Assert.DoesNotContain("Do-Not-Print-Me", error.ToString() + output);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
