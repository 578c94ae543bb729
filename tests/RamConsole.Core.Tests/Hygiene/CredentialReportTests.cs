using RamConsole.Policy.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Hygiene;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Hygiene;

public sealed class CredentialReportTests
{
    [Fact]
    public async Task The_report_has_root_first_then_every_user_with_console_MFA_and_key_facts_in_pages()
    {
        await using var host = await CoreHost.StartAsync();
        await host.BindTotpAsync("root");
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice", ConsolePassword: "Alice-Passw0rd-2026"));
        await host.BindTotpAsync("alice");
        foreach (var i in Enumerable.Range(0, 11)) await host.Use<CreateUser>().RunAsync(host.Root, new($"bot-{i:D2}"));
        var first = await host.Use<AccessKeyUseCases>().CreateAsync(host.Root, "bot-03");
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.Use<AccessKeyUseCases>().CreateAsync(host.Root, "bot-03");
        await host.Use<AccessKeyUseCases>().UpdateStatusAsync(host.Root, "bot-03", first.AccessKeyId, AccessKeyStatus.Inactive);
        var directory = Path.Combine(host.DatabasePath + "-reports");
        var report = new CredentialReport(host.Use<UseCaseServices>(), directory, NullLogger<CredentialReport>.Instance, pageSize: 5); // 13 principals: 4 pages

        Assert.Equal("EntityNotExist.CredentialReport", await CodeOf(() => report.OpenAsync(host.Root)));
        var started = await report.GenerateAsync(host.Root);
        await report.Completion;
        var state = await report.GetStateAsync(host.Root);

        Assert.Equal(CredentialReportStatus.Running, started.Status);
        Assert.Equal((CredentialReportStatus.Completed, 13, 13), (state.Status, state.Done, state.Total));
        await using var stream = await report.OpenAsync(host.Root);
        var lines = (await new StreamReader(stream).ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', CredentialReport.Columns), lines[0]);
        Assert.Equal(14, lines.Length);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal("<root>", rows[0][0]);
        Assert.Equal(["alice", .. Enumerable.Range(0, 11).Select(i => $"bot-{i:D2}")], rows.Skip(1).Select(r => r[0]));
        var alice = rows.Single(r => r[0] == "alice");
        Assert.Equal(("true", "true", "totp", "N/A"), (alice[3], alice[6], alice[7], alice[8]));
        var bot = rows.Single(r => r[0] == "bot-03");
        Assert.Equal(("false", "false", "Inactive", "never", "Active"), (bot[3], bot[6], bot[8], bot[10], bot[11]));
    }

    [Fact]
    public async Task Generating_and_reading_the_report_need_their_actions_and_generating_is_audited()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("viewer"));
        var report = host.Services.GetRequiredService<CredentialReport>();

        Assert.Equal("NoPermission", await CodeOf(() => report.GenerateAsync(host.As("viewer"))));
        Assert.Equal("NoPermission", await CodeOf(() => report.OpenAsync(host.As("viewer"))));
        await report.GenerateAsync(host.Root);
        await report.Completion;

        await using var db = host.NewDb();
        Assert.Equal(1, db.AuditEvents.Count(e => e.Action == RamActions.GenerateCredentialReport && e.Result == RamConsole.Core.Audit.AuditResult.Success));
    }

    [Fact]
    public async Task The_report_is_kept_in_the_database_so_another_node_serves_it_and_one_node_generates_at_a_time()
    {
        await using var a = await CoreHost.StartAsync();
        await using var b = new CoreHost(a.DatabaseSettings);
        await a.Use<CreateUser>().RunAsync(a.Root, new("alice"));
        var onA = a.Services.GetRequiredService<CredentialReport>();
        var onB = b.Services.GetRequiredService<CredentialReport>();
        var leases = b.Services.GetRequiredService<RamConsole.Core.Cluster.JobLeases>();

        // b holds the generation (as if it were making one): a may not start another, and says it is running.
        Assert.True(await leases.TryTakeAsync(RamConsole.Core.Cluster.JobLeases.CredentialReport, TimeSpan.FromMinutes(15)));
        var refused = await onA.GenerateAsync(a.Root);
        Assert.Equal((CredentialReportStatus.Running, false), (refused.Status, refused.StartedNow));
        Assert.Equal(CredentialReportStatus.Running, (await onA.GetStateAsync(a.Root)).Status);
        await leases.ReleaseAsync(RamConsole.Core.Cluster.JobLeases.CredentialReport);

        Assert.True((await onA.GenerateAsync(a.Root)).StartedNow);
        await onA.Completion;

        await using var stream = await onB.OpenAsync(b.Root); // the other node serves the same report
        var text = await new StreamReader(stream).ReadToEndAsync();
        Assert.Contains("alice", text);
        var state = await onB.GetStateAsync(b.Root);
        Assert.Equal(a.Time.GetUtcNow(), state.GeneratedAt);
        Assert.Empty(Directory.EnumerateFiles(a.Folder, "*.partial", SearchOption.AllDirectories)); // nothing left on disk
    }
}
