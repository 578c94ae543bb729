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

    /// <summary>Signs in with the password and a recovery code minted for the test (the second factor every console user needs).</summary>
    public static async Task SignInWithMfaAsync(IPage page, ConsoleServer server, string userName, string password)
    {
        var code = await server.RecoveryCodeAsync(userName);
        await SignInAsync(page, userName, password);
        await PassSecondFactorAsync(page, code);
    }

    /// <summary>On the second-factor page: enters <paramref name="code"/> (TOTP or recovery) and verifies.</summary>
    public static async Task PassSecondFactorAsync(IPage page, string code)
    {
        await WaitForPathAsync(page, "**/Account/Mfa**");
        await page.FillAsync("[data-testid=mfa-code]", code);
        await page.ClickAsync("[data-testid=mfa-verify]");
    }

    /// <summary>
    /// Waits until the address matches, not for the page's load event: what a test does next waits for its own
    /// element, and a busy CI machine can hold a load event (every script and style) for longer than the address takes.
    /// </summary>
    public static Task WaitForPathAsync(IPage page, string glob) =>
        page.WaitForURLAsync(glob, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });

    /// <inheritdoc cref="WaitForPathAsync(IPage, string)"/>
    public static Task WaitForPathAsync(IPage page, Func<string, bool> matches) =>
        page.WaitForURLAsync(matches, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });

    /// <summary>Waits until the interactive circuit is connected, so clicks reach the server.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("[data-testid=circuit][data-state=ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
}
