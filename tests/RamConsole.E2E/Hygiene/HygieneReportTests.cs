using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RamConsole.Core.Groups;
using RamConsole.Core.Users;
using RamConsole.E2E.Support;

namespace RamConsole.E2E.Hygiene;

public sealed class HygieneReportTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    [BrowserFact]
    public async Task Root_reads_the_hygiene_report_and_downloads_a_credential_report()
    {
        using (var scope = server.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<CreateGroup>().RunAsync(server.Root, new("leftovers"));
            await scope.ServiceProvider.GetRequiredService<CreateUser>().RunAsync(server.Root, new("frank", ConsolePassword: "Frank-Passw0rd-2026"));
        }
        var page = await server.NewPageAsync();
        await ConsolePages.SignInWithMfaAsync(page, server, "root", server.RootPassword);
        await Assertions.Expect(page.Locator("[data-testid=hygiene-card]")).ToContainTextAsync("checks pass"); // the overview's card
        await Assertions.Expect(page.Locator("[data-testid=activity-charts] svg").First).ToBeVisibleAsync(); // and its charts
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("overview.png"), FullPage = true });

        await page.ClickAsync("[data-testid=nav-hygiene]");
        await ConsolePages.WaitForCircuitAsync(page);
        var groups = page.Locator("[data-testid=finding-empty-groups]");
        await Assertions.Expect(groups.Locator("[data-testid=finding-count]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=finding-console-without-mfa]")).ToContainTextAsync("user/frank");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("hygiene-report.png"), FullPage = true });

        await groups.Locator("[data-testid=finding-link]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/groups/leftovers$"));

        await page.GotoAsync("/hygiene");
        await ConsolePages.WaitForCircuitAsync(page);
        await page.ClickAsync("[data-testid=generate-report]");
        var download = page.Locator("[data-testid=download-report]");
        await Assertions.Expect(download).ToBeVisibleAsync();
        var csv = await page.APIRequest.GetAsync("/" + (await download.GetAttributeAsync("href"))!.TrimStart('/'));
        Assert.Equal(200, csv.Status);
        var lines = (await csv.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("user,arn,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("<root>,", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("frank,", StringComparison.Ordinal));
    }
}
