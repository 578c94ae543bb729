using Microsoft.Playwright;
using RamConsole.E2E.Support;

namespace RamConsole.E2E.SignIn;

public sealed class RootSignInTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    [BrowserFact]
    public async Task Root_signs_in_sees_the_overview_and_signs_out()
    {
        var page = await server.NewPageAsync();

        await ConsolePages.SignInWithMfaAsync(page, server, "root", server.RootPassword);
        await ConsolePages.WaitForCircuitAsync(page);

        await page.Locator("[data-testid=account-id]").WaitForAsync();
        Assert.Matches("^[1-9][0-9]{15}$", (await page.Locator("[data-testid=account-id]").InnerTextAsync()).Trim());
        Assert.Equal("e2e-account", (await page.Locator("[data-testid=overview-alias]").InnerTextAsync()).Trim());
        Assert.True(await page.Locator("[data-testid=root-warning]").IsVisibleAsync());
        Assert.True(await page.Locator("[data-testid=root-notice]").IsVisibleAsync());
        Assert.Contains("ram:ConsoleSignIn", await page.Locator("[data-testid=audit-list]").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("overview.png"), FullPage = true });

        await page.ClickAsync("[data-testid=sign-out]");
        await ConsolePages.WaitForPathAsync(page, "**/Account/Login**");
        await page.GotoAsync("/");
        await ConsolePages.WaitForPathAsync(page, "**/Account/Login**");
    }

    [BrowserFact]
    public async Task A_wrong_password_shows_the_generic_error()
    {
        var page = await server.NewPageAsync();

        await ConsolePages.SignInAsync(page, "root", "not-the-password");

        var error = await page.Locator("[data-testid=login-error]").InnerTextAsync();
        Assert.Equal("The user name or password is incorrect, or the account cannot sign in right now.", error.Trim());
        Assert.Contains("/Account/Login", page.Url);
    }
}
