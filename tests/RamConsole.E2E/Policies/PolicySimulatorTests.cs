using Microsoft.Playwright;
using RamConsole.E2E.Support;

namespace RamConsole.E2E.Policies;

public sealed class PolicySimulatorTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    [BrowserFact]
    public async Task The_example_shows_an_explicit_deny_and_its_statement()
    {
        var page = await server.NewPageAsync();
        await ConsolePages.SignInWithMfaAsync(page, server, "root", server.RootPassword);
        await ConsolePages.WaitForCircuitAsync(page);

        await page.GotoAsync("/policies/simulator");
        await ConsolePages.WaitForCircuitAsync(page);
        await page.GetByText("Load an example").ClickAsync();
        await page.ClickAsync("[data-testid=simulate]");

        await Assertions.Expect(page.Locator("[data-testid=decision-kind]")).ToHaveTextAsync("ExplicitDeny");
        await Assertions.Expect(page.Locator("[data-deciding=true]")).ToHaveAttributeAsync("data-testid", "statement-Document 1-1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("policy-simulator.png"), FullPage = true });
    }
}
