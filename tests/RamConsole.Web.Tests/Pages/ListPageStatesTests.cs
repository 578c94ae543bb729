using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RamConsole.Core.Groups;
using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Users;
using RamConsole.Web.Components.Pages.Groups;
using RamConsole.Web.Components.Pages.Policies;
using RamConsole.Web.Components.Pages.Roles;
using RamConsole.Web.Components.Pages.Users;
using RamConsole.Web.Tests.Support;

namespace RamConsole.Web.Tests.Pages;

/// <summary>
/// Every list page in its four states — loading, empty, refused, populated — and its create button, which opens the
/// one create pattern (a dialog) and is disabled, with the reason, for a viewer the gate would refuse.
/// </summary>
public sealed class ListPageStatesTests : IAsyncLifetime
{
    private readonly ConsoleTestContext _ctx = new();

    public async Task InitializeAsync() => await _ctx.UseRealCoreAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    public static TheoryData<string> Pages => ["users", "groups", "roles", "policies"];

    private static Type PageType(string page) => page switch
    {
        "users" => typeof(UsersPage), "groups" => typeof(GroupsPage), "roles" => typeof(RolesPage), _ => typeof(PoliciesPage),
    };

    private static string CreateButton(string page) => $"[data-testid=create-{page.TrimEnd('s').Replace("policie", "policy")}]";

    private IRenderedComponent<MudDialogProvider>? _dialogs;

    private IRenderedComponent<DynamicComponent> Render(string page)
    {
        (var rendered, _dialogs) = _ctx.RenderPage(PageType(page));
        return rendered;
    }

    private static IReadOnlyList<string> Rows(IRenderedComponent<DynamicComponent> page) =>
        [.. page.FindAll(".mud-table tbody tr td:first-child a").Select(a => a.TextContent.Trim())];

    [Theory, MemberData(nameof(Pages))]
    public void While_the_server_answers_the_page_shows_a_loading_bar_with_a_status_for_screen_readers(string name)
    {
        _ctx.SignInAsRoot();
        IRenderedComponent<DynamicComponent> page;
        using (_ctx.HoldDatabase())
        {
            page = Render(name);
            page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=loading] [role=status]")));
            Assert.Empty(Rows(page));
        }
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=loading]")));
    }

    [Theory]
    [InlineData("users", "No users")]
    [InlineData("groups", "No groups")]
    [InlineData("roles", "No roles")]
    public void An_empty_list_says_what_to_do_next(string name, string title)
    {
        _ctx.SignInAsRoot();
        var page = Render(name);

        page.WaitForAssertion(() => Assert.Contains(title, page.Find("[data-testid=empty-state]").TextContent));
        Assert.Contains("Create", page.Find("[data-testid=empty-state]").TextContent);
        Assert.False(page.Find(CreateButton(name)).HasAttribute("disabled"));
    }

    [Fact]
    public void The_policies_list_is_never_empty_but_a_search_without_matches_says_so()
    {
        _ctx.SignInAsRoot();
        var page = Render("policies");
        page.WaitForAssertion(() => Assert.Contains("AliyunRAMFullAccess", Rows(page)));

        page.Find("input[placeholder='Search name or description']").Input("no-such-policy-anywhere");

        page.WaitForAssertion(() => Assert.Contains("No policy matches", page.Find("[data-testid=empty-state]").TextContent), TimeSpan.FromSeconds(5));
    }

    [Theory, MemberData(nameof(Pages))]
    public async Task A_viewer_the_gate_refuses_is_told_so_not_shown_an_empty_list_and_cannot_create(string name)
    {
        await _ctx.Use<CreateUser>().RunAsync(_ctx.RootCaller, new("nobody"));
        _ctx.SignInAsUser("nobody");

        var page = Render(name);

        page.WaitForAssertion(() => Assert.Contains($"You may not list {name}", page.Find("[data-testid=refused]").TextContent));
        Assert.Contains("NoPermission", page.Find("[data-testid=refused]").TextContent);
        Assert.DoesNotContain(page.FindAll("[data-testid=empty-state]"), e => e.Closest("[data-testid=refused]") is null); // not "No users"
        var create = page.Find(CreateButton(name));
        Assert.True(create.HasAttribute("disabled"));
        Assert.StartsWith("ram:Create", create.GetAttribute("data-refused"));
        Assert.Contains("is not allowed for you", page.Markup); // the reason, also for screen readers
    }

    [Theory, MemberData(nameof(Pages))]
    public async Task A_populated_list_links_each_entry_to_its_page(string name)
    {
        var root = _ctx.RootCaller;
        switch (name)
        {
            case "users": await _ctx.Use<CreateUser>().RunAsync(root, new("alice")); break;
            case "groups": await _ctx.Use<CreateGroup>().RunAsync(root, new("ops")); break;
            case "roles":
                await _ctx.Use<RoleUseCases>().CreateAsync(root, new("deployer",
                    $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{_ctx.Use<RamConsole.Core.Account.RamAccount>().AccountId}}}:root"}}]}"""));
                break;
            default: await _ctx.Use<CreatePolicy>().RunAsync(root, new("kv-readers", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:Describe*","Resource":"*"}]}""")); break;
        }
        _ctx.SignInAsRoot();

        var page = Render(name);

        var expected = name switch { "users" => "alice", "groups" => "ops", "roles" => "deployer", _ => "kv-readers" };
        page.WaitForAssertion(() => Assert.Contains(expected, Rows(page)));
        Assert.EndsWith(Uri.EscapeDataString(expected), page.FindAll(".mud-table tbody tr td:first-child a").First(a => a.TextContent.Trim() == expected).GetAttribute("href"));
    }

    [Theory, MemberData(nameof(Pages))]
    public void Create_opens_a_dialog_on_the_list_page(string name)
    {
        _ctx.SignInAsRoot();
        var page = Render(name);
        page.WaitForAssertion(() => Assert.False(page.Find(CreateButton(name)).HasAttribute("disabled")));

        page.Find(CreateButton(name)).Click();

        page.WaitForAssertion(() => Assert.NotEmpty(_dialogs!.FindAll(".mud-dialog")));
        Assert.Contains("Create", _dialogs!.Find(".mud-dialog").TextContent);
    }
}
