using Bunit;
using Microsoft.AspNetCore.Components;
using RamConsole.Web.Components.Layout;
using RamConsole.Web.Tests.Support;

namespace RamConsole.Web.Tests.Layout;

public sealed class MainLayoutTests : IAsyncLifetime
{
    private readonly ConsoleTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<MainLayout> Render() =>
        _ctx.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id='body'>page body</p>"))));

    [Fact]
    public void The_navigation_lists_every_console_area()
    {
        _ctx.SignInAsRoot();

        var layout = Render();

        var links = layout.FindAll("nav a, .mud-navmenu a").Select(a => (Text: a.TextContent.Trim(), Href: a.GetAttribute("href"))).ToList();
        string[] expected = ["Overview", "Users", "Groups", "Roles", "Policies", "Policy simulator", "Role sessions", "Redis instances", "Security settings", "Single sign-on", "Audit log", "Identity hygiene", "My account"];
        Assert.Equal(expected, links.Select(l => l.Text));
        Assert.Contains(links, l => l.Text == "Audit log" && l.Href == "audit");
        Assert.Contains(links, l => l.Text == "Redis instances" && l.Href == "redis");
        Assert.Contains(links, l => l.Text == "Identity hygiene" && l.Href == "hygiene");
        Assert.Contains(links, l => l.Text == "Single sign-on" && l.Href == "sso");
        Assert.NotNull(layout.Find("#body"));
    }

    [Fact]
    public void The_app_bar_shows_the_account_alias_and_the_signed_in_principal()
    {
        _ctx.SignInAsUser("alice");

        var layout = Render();

        Assert.Contains("unit-account", layout.Find("[data-testid=account-alias]").TextContent);
        var principal = layout.Find("[data-testid=signed-in-principal]").TextContent;
        Assert.Contains("alice", principal);
        Assert.Contains($"acs:ram::{ConsoleTestContext.AccountId}:user/alice", principal);
    }

    [Fact]
    public void Root_sees_the_warning_bar()
    {
        _ctx.SignInAsRoot();

        var warning = Render().Find("[data-testid=root-warning]");

        Assert.Contains("root account", warning.TextContent);
        Assert.Contains("administrator RAM user", warning.TextContent);
    }

    [Fact]
    public void A_RAM_user_sees_no_root_warning()
    {
        _ctx.SignInAsUser("alice");

        Assert.Empty(Render().FindAll("[data-testid=root-warning]"));
    }

    [Fact]
    public void The_dark_mode_choice_is_stored_in_the_browser()
    {
        _ctx.SignInAsRoot();
        var layout = Render();

        layout.Find("[data-testid=dark-mode]").Click();

        var call = Assert.Single(_ctx.JSInterop.Invocations, i => i.Identifier == "localStorage.setItem");
        Assert.Equal(["ramconsole.darkMode", "true"], call.Arguments.Cast<string>());
    }
}
