using RamConsole.Core.Audit;
using RamConsole.Core.Overview;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;

namespace RamConsole.Core.Tests.Overview;

public sealed class ActivityChartsTests
{
    private static AuditEvent Event(DateTimeOffset time, string action, AuditResult result = AuditResult.Success) => new()
    {
        Time = time, Action = action, Result = result, PrincipalArn = "acs:ram::1:user/x", PrincipalType = "User", RequestId = Guid.NewGuid().ToString(),
    };

    [Fact]
    public async Task Each_series_counts_its_events_per_day_over_the_last_30_days()
    {
        await using var host = await CoreHost.StartAsync();
        var now = host.Time.GetUtcNow();
        await using (var db = host.NewDb())
        {
            db.AuditEvents.AddRange(
                Event(now, "ram:ConsoleSignIn"), Event(now, "ram:ConsoleSignIn"), Event(now, "ram:ConsoleSignIn", AuditResult.Denied),
                Event(now.AddDays(-2), "ram:ConsoleSignIn", AuditResult.Error),
                Event(now.AddDays(-1), "ram:CreateUser", AuditResult.Denied), Event(now.AddDays(-29), "kvstore:FlushInstance", AuditResult.Denied),
                Event(now.AddDays(-31), "ram:CreateUser", AuditResult.Denied), // before the window
                Event(now.AddDays(-3), "sts:AssumeRole"), Event(now.AddDays(-3), "sts:AssumeRole"), Event(now.AddDays(-3), "sts:AssumeRole", AuditResult.Denied),
                Event(now.AddDays(-4), "sts:AssumeRoleWithSAML"), Event(now.AddDays(-4), "sts:AssumeRoleWithOIDC")); // federated issuances are tokens too
            await db.SaveChangesAsync();
        }
        var usage = host.Use<ApiUsage>();
        foreach (var _ in Enumerable.Range(0, 5)) usage.Record("sts:GetCallerIdentity");
        usage.Record("ram:ListUsers");
        await usage.FlushAsync();
        usage.Record("ram:ListUsers");
        usage.Record("ram:ListUsers");
        await usage.FlushAsync(); // added to the day's row

        var series = (await host.Use<ActivityCharts>().GetAsync(host.Root))!;

        Assert.Equal(30, series.Days.Count);
        Assert.Equal(DateOnly.FromDateTime(now.UtcDateTime), series.Days[^1]);
        Assert.Equal((2, 1), (series.SignInSuccesses[^1], series.SignInFailures[^1]));
        Assert.Equal(1, series.SignInFailures[^3]);
        Assert.Equal(4, series.SignInSuccesses.Sum() + series.SignInFailures.Sum());
        Assert.Equal((1, 1, 1), (series.Denied[^2], series.Denied[0], series.Denied[^1])); // the denied sign-in counts too
        Assert.Equal(4, series.Denied.Sum()); // the one before the window is left out
        Assert.Equal(2, series.StsTokens[^4]);
        Assert.Equal(2, series.StsTokens[^5]);
        Assert.Equal([("sts:GetCallerIdentity", 5L), ("ram:ListUsers", 3L)], series.TopApiActions);
    }

    [Fact]
    public async Task A_caller_who_may_not_read_the_audit_log_gets_no_charts()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("viewer"));

        Assert.Null(await host.Use<ActivityCharts>().GetAsync(host.As("viewer")));
    }
}
