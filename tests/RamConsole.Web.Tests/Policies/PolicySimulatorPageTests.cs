using RamConsole.Core;
using Bunit;
using MudBlazor;
using RamConsole.Core.Policies;
using RamConsole.Web.Components.Pages.Policies.Simulator;
using RamConsole.Web.Tests.Support;

namespace RamConsole.Web.Tests.Policies;

public sealed class PolicySimulatorPageTests : IAsyncLifetime
{
    private readonly ConsoleTestContext _ctx = new();

    public async Task InitializeAsync()
    {
        await _ctx.UseRealCoreAsync();
        _ctx.SignInAsRoot();
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<PolicySimulatorPage> Render()
    {
        _ctx.Render<MudPopoverProvider>();
        return _ctx.Render<PolicySimulatorPage>();
    }

    private static void Fill(IRenderedComponent<PolicySimulatorPage> page, string testId, string value) =>
        page.Find($"textarea[data-testid='{testId}'], input[data-testid='{testId}'], [data-testid='{testId}'] textarea, [data-testid='{testId}'] input").Change(value);

    [Fact]
    public void An_explicit_deny_highlights_the_deciding_statement()
    {
        var page = Render();
        Fill(page, "document-0", """
            {"Version":"1","Statement":[
              {"Effect":"Allow","Action":"kvstore:*","Resource":"*"},
              {"Effect":"Deny","Action":"kvstore:Flush*","Resource":"acs:kvstore:*:*:instance/r-prod*"}]}
            """);
        var action = page.Find("input[data-testid=action], [data-testid=action] input");
        action.Input("kvstore:FlushInstance");
        action.Blur();
        Fill(page, "resource", "acs:kvstore:cn-hangzhou:1234567890123456:instance/r-prod01");

        page.Find("[data-testid=simulate]").Click();

        page.WaitForAssertion(() => Assert.Equal("ExplicitDeny", page.Find("[data-testid=decision-kind]").TextContent.Trim()));
        var deciding = page.FindAll("[data-deciding=true]");
        Assert.Equal("statement-Document 1-1", Assert.Single(deciding).GetAttribute("data-testid"));
        Assert.Equal("true", page.Find("[data-testid='statement-Document 1-0']").GetAttribute("data-matched"));
        Assert.Contains("Statement[1]", page.Find("[data-testid=decision-reason]").TextContent);
        Assert.Contains("2 statement(s) matched", page.Find("[data-testid=matched-count]").TextContent);
    }

    [Fact]
    public void An_invalid_document_shows_the_engine_message_beside_it()
    {
        var page = Render();
        Fill(page, "document-0", """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:*","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"300.1.1.1/8"}}}]}""");
        var action = page.Find("input[data-testid=action], [data-testid=action] input");
        action.Input("kvstore:DescribeInstances");
        action.Blur();
        Fill(page, "resource", "*");

        page.Find("[data-testid=simulate]").Click();

        page.WaitForAssertion(() => Assert.Contains(
            "MalformedPolicyDocument: Statement[0].Condition.IpAddress: \"300.1.1.1/8\" is not an IP address or CIDR block",
            System.Net.WebUtility.HtmlDecode(page.Markup)));
        Assert.Empty(page.FindAll("[data-testid=decision]"));
    }

    [Fact]
    public async Task A_user_can_be_simulated_with_its_effective_policies()
    {
        await _ctx.Use<RamConsole.Core.Users.CreateUser>().RunAsync(_ctx.RootCaller, new("bob"));
        await _ctx.Use<PolicyAttachments>().AttachAsync(_ctx.RootCaller, "System", "AliyunKvstoreReadOnlyAccess", PrincipalKind.User, "bob");
        var page = Render();
        page.Find("input[data-testid=simulate-as-user], [data-testid=simulate-as-user] input").Click();
        Fill(page, "simulate-user", "bob");
        var action = page.Find("input[data-testid=action], [data-testid=action] input");
        action.Input("kvstore:DescribeInstances");
        action.Blur();
        Fill(page, "resource", "acs:kvstore:cn-hangzhou:1:instance/r-1");

        page.Find("[data-testid=simulate]").Click();

        page.WaitForAssertion(() => Assert.Equal("Allow", page.Find("[data-testid=decision-kind]").TextContent.Trim()));
        Assert.Equal("statement-AliyunKvstoreReadOnlyAccess-0", Assert.Single(page.FindAll("[data-deciding=true]")).GetAttribute("data-testid"));
    }

    [Fact]
    public void A_missing_action_is_reported_beside_the_field()
    {
        var page = Render();

        page.Find("[data-testid=simulate]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Choose an action", page.Markup);
            Assert.Contains("Enter the resource ARN", page.Markup);
        });
    }
}
