using Bunit;
using MudBlazor;
using RamConsole.Core.Groups;
using RamConsole.Core.Users;
using RamConsole.Web.Components.Pages.Hygiene;
using RamConsole.Web.Tests.Support;

namespace RamConsole.Web.Tests.Hygiene;

public sealed class HygieneReportPageTests : IAsyncLifetime
{
    private readonly ConsoleTestContext _ctx = new();

    public Task InitializeAsync() => _ctx.UseRealCoreAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task Every_check_is_shown_with_its_count_and_links_to_the_principals_it_flags()
    {
        await _ctx.Use<CreateGroup>().RunAsync(_ctx.RootCaller, new("nobody-here"));
        await _ctx.Use<CreateUser>().RunAsync(_ctx.RootCaller, new("nomfa", ConsolePassword: "Nomfa-Passw0rd-2026"));
        _ctx.SignInAsRoot();
        _ctx.Render<MudPopoverProvider>();

        var page = _ctx.Render<HygieneReportPage>();
        page.WaitForElement("[data-testid=finding-empty-groups]");

        Assert.Equal(21, page.FindAll("[data-testid^=finding-][data-passed]").Count);
        var groups = page.Find("[data-testid=finding-empty-groups]");
        Assert.Equal("false", groups.GetAttribute("data-passed"));
        Assert.Equal("1", groups.QuerySelector("[data-testid=finding-count]")!.TextContent.Trim());
        Assert.Equal("groups/nobody-here", groups.QuerySelector("[data-testid=finding-link]")!.GetAttribute("href"));
        var mfa = page.Find("[data-testid=finding-console-without-mfa]");
        Assert.Equal("2", mfa.QuerySelector("[data-testid=finding-count]")!.TextContent.Trim()); // root and nomfa
        Assert.Equal(["my-account", "users/nomfa"], mfa.QuerySelectorAll("[data-testid=finding-link]").Select(a => a.GetAttribute("href")).Order());
        var keys = page.Find("[data-testid=finding-root-access-key]");
        Assert.Equal(("true", "0"), (keys.GetAttribute("data-passed"), keys.QuerySelector("[data-testid=finding-count]")!.TextContent.Trim()));
        Assert.Empty(keys.QuerySelectorAll("[data-testid=finding-link]"));
        Assert.Contains("checks pass", page.Find("[data-testid=report-summary]").TextContent);
    }

    [Fact]
    public async Task A_user_without_ram_GetSecurityReport_sees_why_not_the_report()
    {
        await _ctx.Use<CreateUser>().RunAsync(_ctx.RootCaller, new("plain"));
        _ctx.SignInAsUser("plain");

        var page = _ctx.Render<HygieneReportPage>();

        page.WaitForAssertion(() => Assert.Contains("ram:GetSecurityReport", page.Find("[data-testid=report-error]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=credential-report]"));
    }
}
