using Bunit;
using RamConsole.Core.Audit;
using RamConsole.Web.Components.Pages.Audit;
using RamConsole.Web.Tests.Support;

namespace RamConsole.Web.Tests.Audit;

public sealed class AuditEventDetailTests : IAsyncLifetime
{
    private readonly ConsoleTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void The_drawer_shows_what_a_write_changed_field_by_field()
    {
        var e = new AuditEvent
        {
            Id = 7, Time = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), PrincipalArn = "acs:ram::1:root", PrincipalType = "Root",
            Action = "ram:UpdateUser", ResourceArn = "acs:ram:*:1:user/alice", RequestId = "req-1",
            Before = """{"UserName":"alice","DisplayName":"Alice","Email":"a@example.com"}""",
            After = """{"UserName":"alice","DisplayName":"Alice B.","MobilePhone":"86-1"}""",
        };

        var detail = _ctx.Render<AuditEventDetail>(p => p.Add(c => c.Event, e));

        var rows = detail.FindAll("[data-testid=audit-diff] tbody tr");
        Assert.Equal(
            [("DisplayName", "Alice", "Alice B.", "Changed"), ("Email", "a@example.com", "—", "Removed"), ("MobilePhone", "—", "86-1", "Added")],
            rows.Select(r => (r.Children[0].TextContent, r.Children[1].TextContent, r.Children[2].TextContent, r.GetAttribute("data-kind")!)));
        Assert.DoesNotContain("UserName", detail.Find("[data-testid=audit-diff]").TextContent); // unchanged fields are left out
        Assert.Contains("req-1", detail.Markup);
    }

    [Fact]
    public void An_event_without_snapshots_shows_no_changes_table_but_its_detail()
    {
        var e = new AuditEvent
        {
            Time = DateTimeOffset.UnixEpoch, PrincipalArn = "acs:ram::1:user/bob", PrincipalType = "User", Action = "ram:ConsoleSignIn",
            RequestId = "req-2", Detail = """{"Factors":["password","otp"]}""",
        };

        var detail = _ctx.Render<AuditEventDetail>(p => p.Add(c => c.Event, e));

        Assert.Empty(detail.FindAll("[data-testid=audit-diff]"));
        Assert.Contains("otp", detail.Find("[data-testid=audit-detail-json]").TextContent);
    }
}
