using Microsoft.Playwright;

namespace RamConsole.E2E.Support;

/// <summary>Steps that many browser tests share.</summary>
public static class ConsolePages
{
    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.UserName", userName);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("[data-testid=sign-in]");
    }

    /// <summary>Waits until the interactive circuit is connected, so clicks reach the server.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("[data-testid=circuit][data-state=ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
}
