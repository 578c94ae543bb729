using RamConsole.Core;
using Bunit;
using MudBlazor;
using RamConsole.Core.Policies;
using RamConsole.Core.Users;
using RamConsole.Web.Components.Pages.Users;
using RamConsole.Web.Tests.Support;

namespace RamConsole.Web.Tests.Users;

public sealed class UsersPageTests : IAsyncLifetime
{
    private readonly ConsoleTestContext _ctx = new();

    public async Task InitializeAsync()
    {
        await _ctx.UseRealCoreAsync();
        for (var i = 1; i <= 30; i++) await _ctx.Use<CreateUser>().RunAsync(_ctx.RootCaller, new($"user{i:00}"));
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<UsersPage> Render()
    {
        _ctx.Render<MudPopoverProvider>();
        return _ctx.Render<UsersPage>();
    }

    private static List<string> Names(IRenderedComponent<UsersPage> page) =>
        [.. page.FindAll("[data-testid=users-table] tbody tr td:first-child a").Select(a => a.TextContent.Trim())];

    [Fact]
    public void Paging_asks_the_server_for_the_next_page()
    {
        _ctx.SignInAsRoot();
        var page = Render();
        page.WaitForAssertion(() => Assert.Equal(25, Names(page).Count));
        Assert.Equal("user01", Names(page)[0]);

        page.Find("button[aria-label='Next page']").Click();

        page.WaitForAssertion(() => Assert.Equal(["user26", "user27", "user28", "user29", "user30"], Names(page)));
    }

    [Fact]
    public void A_search_filters_on_the_server()
    {
        _ctx.SignInAsRoot();
        var page = Render();
        page.WaitForAssertion(() => Assert.Equal(25, Names(page).Count));

        page.Find("input[placeholder='Search by user name or display name']").Input("user1");

        page.WaitForAssertion(() => Assert.Equal(["user10", "user11", "user12", "user13", "user14", "user15", "user16", "user17", "user18", "user19"], Names(page)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_read_only_viewer_sees_the_create_button_disabled()
    {
        await _ctx.Use<PolicyAttachments>().AttachAsync(_ctx.RootCaller, "System", "AliyunRAMReadOnlyAccess", PrincipalKind.User, "user01");
        _ctx.SignInAsUser("user01");

        var page = Render();

        page.WaitForAssertion(() => Assert.Equal(25, Names(page).Count));
        Assert.True(page.Find("[data-testid=create-user]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task An_administrator_sees_the_create_button_enabled()
    {
        await _ctx.Use<PolicyAttachments>().AttachAsync(_ctx.RootCaller, "System", "AliyunRAMFullAccess", PrincipalKind.User, "user02");
        _ctx.SignInAsUser("user02");

        var page = Render();

        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=create-user]").HasAttribute("disabled")));
    }
}
