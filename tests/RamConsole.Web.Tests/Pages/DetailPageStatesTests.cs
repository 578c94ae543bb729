using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RamConsole.Core;
using RamConsole.Core.Account;
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
/// Every detail page loading, missing, refused and populated — and, for a viewer who may read but not change, its write
/// buttons disabled with the refused action named (not only the create buttons of the lists).
/// </summary>
public sealed class DetailPageStatesTests : IAsyncLifetime
{
    private readonly ConsoleTestContext _ctx = new();

    public async Task InitializeAsync()
    {
        await _ctx.UseRealCoreAsync();
        var root = _ctx.RootCaller;
        var accountId = _ctx.Use<RamAccount>().AccountId;
        await _ctx.Use<CreateUser>().RunAsync(root, new("alice"));
        await _ctx.Use<CreateUser>().RunAsync(root, new("reader"));
        await _ctx.Use<CreateUser>().RunAsync(root, new("nobody"));
        await _ctx.Use<PolicyAttachments>().AttachAsync(root, "System", "AliyunRAMReadOnlyAccess", PrincipalKind.User, "reader");
        await _ctx.Use<CreateGroup>().RunAsync(root, new("ops"));
        await _ctx.Use<RoleUseCases>().CreateAsync(root, new("deployer",
            $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{accountId}}}:root"}}]}"""));
        await _ctx.Use<CreatePolicy>().RunAsync(root, new("kv-readers", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:Describe*","Resource":"*"}]}"""));
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    public static TheoryData<string, string> Pages => new()
    {
        { "user", "alice" }, { "group", "ops" }, { "role", "deployer" }, { "policy", "kv-readers" },
    };

    private IRenderedComponent<DynamicComponent> Render(string kind, string name)
    {
        var (type, parameters) = kind switch
        {
            "user" => (typeof(UserDetailPage), new Dictionary<string, object> { ["UserName"] = name }),
            "group" => (typeof(GroupDetailPage), new Dictionary<string, object> { ["GroupName"] = name }),
            "role" => (typeof(RoleDetailPage), new Dictionary<string, object> { ["RoleName"] = name }),
            _ => (typeof(PolicyDetailPage), new Dictionary<string, object> { ["PolicyType"] = "Custom", ["PolicyName"] = name }),
        };
        return _ctx.RenderPage(type, parameters).Page;
    }

    private static string DeleteButtonText(string kind) => $"Delete {kind}";

    [Theory, MemberData(nameof(Pages))]
    public void Loading_then_the_page_with_its_name_as_the_one_heading(string kind, string name)
    {
        _ctx.SignInAsRoot();
        IRenderedComponent<DynamicComponent> page;
        using (_ctx.HoldDatabase())
        {
            page = Render(kind, name);
            page.WaitForAssertion(() => Assert.Contains("Loading the", page.Find("[data-testid=loading] [role=status]").TextContent));
        }
        page.WaitForAssertion(() => Assert.Equal(name, page.Find("h1").TextContent.Trim()));
        Assert.Single(page.FindAll("h1"));
        Assert.Empty(page.FindAll("[data-testid=loading]"));
    }

    [Theory, MemberData(nameof(Pages))]
    public void A_missing_entity_says_so_in_the_heading(string kind, string _)
    {
        _ctx.SignInAsRoot();
        var page = Render(kind, "no-such-" + kind);

        page.WaitForAssertion(() => Assert.Contains("not found", page.Find("h1").TextContent, StringComparison.OrdinalIgnoreCase));
    }

    [Theory, MemberData(nameof(Pages))]
    public void A_viewer_the_gate_refuses_is_told_what_was_refused(string kind, string name)
    {
        _ctx.SignInAsUser("nobody");
        var page = Render(kind, name);

        page.WaitForAssertion(() => Assert.Contains($"You may not view this {kind}", page.Find("[data-testid=detail-refused]").TextContent));
        Assert.Contains("NoPermission", page.Find("[data-testid=detail-refused]").TextContent);
    }

    [Theory, MemberData(nameof(Pages))]
    public void A_read_only_viewer_sees_the_page_with_its_write_buttons_disabled_and_the_reason(string kind, string name)
    {
        _ctx.SignInAsUser("reader");
        var page = Render(kind, name);

        page.WaitForAssertion(() => Assert.Equal(name, page.Find("h1").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.True(page.FindAll("button").Single(b => b.TextContent.Trim() == DeleteButtonText(kind)).HasAttribute("disabled")));
        var delete = page.FindAll("button").Single(b => b.TextContent.Trim() == DeleteButtonText(kind));
        Assert.Equal($"ram:Delete{char.ToUpperInvariant(kind[0])}{kind[1..]}", delete.GetAttribute("data-refused"));
        Assert.Contains("is not allowed for you", page.Markup);
    }

    [Theory, MemberData(nameof(Pages))]
    public void An_administrator_sees_the_same_buttons_enabled(string kind, string name)
    {
        _ctx.SignInAsRoot();
        var page = Render(kind, name);

        page.WaitForAssertion(() => Assert.False(page.FindAll("button").Single(b => b.TextContent.Trim() == DeleteButtonText(kind)).HasAttribute("disabled")));
        Assert.Empty(page.FindAll("[data-refused]"));
    }
}
