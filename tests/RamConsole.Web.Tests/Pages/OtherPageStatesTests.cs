using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RamConsole.Core.Settings;
using RamConsole.Core.Users;
using RamConsole.Web.Components.Pages.Audit;
using RamConsole.Web.Components.Pages.Hygiene;
using RamConsole.Web.Components.Pages.Overview;
using RamConsole.Web.Components.Pages.RoleSessions;
using RamConsole.Web.Components.Pages.Settings;
using RamConsole.Web.Tests.Support;

namespace RamConsole.Web.Tests.Pages;

/// <summary>
/// The pages that are neither lists nor detail pages — overview, audit log, hygiene report, security settings, role
/// sessions — while loading, refused, and with something to show (and empty where a page can be).
/// </summary>
public sealed class OtherPageStatesTests : IAsyncLifetime
{
    private readonly ConsoleTestContext _ctx = new();

    public async Task InitializeAsync()
    {
        await _ctx.UseRealCoreAsync();
        await _ctx.Use<CreateUser>().RunAsync(_ctx.RootCaller, new("nobody"));
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    public static TheoryData<string> Names => ["overview", "audit", "hygiene", "settings", "role-sessions"];

    private static Type PageType(string name) => name switch
    {
        "overview" => typeof(Overview), "audit" => typeof(AuditLog), "hygiene" => typeof(HygieneReportPage),
        "settings" => typeof(SecuritySettingsPage), _ => typeof(RoleSessionsPage),
    };

    private IRenderedComponent<DynamicComponent> Render(string name) => _ctx.RenderPage(PageType(name)).Page;

    // The security settings page has no loading state to see once the settings are kept in memory (they are read once
    // for every sign-in); its first read is covered by the Loading component it shares with the others.
    [Theory]
    [InlineData("overview")]
    [InlineData("audit")]
    [InlineData("hygiene")]
    [InlineData("role-sessions")]
    public void While_the_server_answers_each_page_shows_the_loading_bar_then_its_content(string name)
    {
        _ctx.SignInAsRoot();
        _ = _ctx.Use<SecuritySettingsStore>().Current; // kept in memory (read for every sign-in), not what these pages wait for
        IRenderedComponent<DynamicComponent> page;
        using (_ctx.HoldDatabase())
        {
            page = Render(name);
            page.WaitForAssertion(() => Assert.True(page.FindAll("[data-testid=loading] [role=status]").Count > 0, page.Markup));
        }
        page.WaitForAssertion(() => Assert.True(page.FindAll("[data-testid=loading]").Count == 0, page.Markup), TimeSpan.FromSeconds(10));
        Assert.Single(page.FindAll("h1"));
    }

    [Theory]
    [InlineData("overview", "[data-testid=count-users]", "—")]                             // a count it may not read
    [InlineData("audit", "[data-testid=audit-error]", "ram:ListAuditEvents")]
    [InlineData("hygiene", "[data-testid=report-error]", "ram:GetSecurityReport")]
    [InlineData("settings", "[data-testid=empty-state]", "You may not view the security settings")]
    public void A_viewer_the_gate_refuses_is_told_what_is_missing(string name, string selector, string text)
    {
        _ctx.SignInAsUser("nobody");
        var page = Render(name);

        page.WaitForAssertion(() => Assert.Contains(text, page.Find(selector).TextContent));
    }

    [Theory]
    [InlineData("overview", "[data-testid=count-users]", "1")]
    [InlineData("audit", "[data-testid=audit-table] tbody", "ram:CreateUser")]
    [InlineData("hygiene", "[data-testid=report-summary]", "checks pass")]
    [InlineData("settings", "[data-testid=save-preference]", "Save sign-in settings")]
    public void With_something_to_show_each_page_shows_it(string name, string selector, string text)
    {
        _ctx.SignInAsRoot();
        var page = Render(name);

        page.WaitForAssertion(() => Assert.Contains(text, page.Find(selector).TextContent), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Role_sessions_without_any_role_says_who_creates_them()
    {
        _ctx.SignInAsRoot();
        var page = Render("role-sessions");

        page.WaitForAssertion(() => Assert.Contains("An administrator creates roles on the Roles page", page.Find("[data-testid=empty-state]").TextContent));
    }

    [Fact]
    public void The_audit_log_with_a_filter_that_matches_nothing_says_so()
    {
        _ctx.SignInAsRoot();
        var page = Render("audit");
        page.WaitForAssertion(() => Assert.Contains("ram:CreateUser", page.Find("[data-testid=audit-table] tbody").TextContent));

        page.Find("input[data-testid=filter-action], [data-testid=filter-action] input").Change("ram:NoSuchAction");
        page.Find("[data-testid=apply-filter]").Click();

        page.WaitForAssertion(() => Assert.Contains("No audit events match.", page.Find("[data-testid=audit-table]").TextContent), TimeSpan.FromSeconds(10));
    }
}
