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
    /// Waits until the address matches <paramref name="glob"/> (<c>**</c> any run of characters, <c>*</c> any run without
    /// a slash). It polls the address and never waits for a load event: Playwright's WaitForURL falls back to waiting for
    /// "load" when the address already matches, and on a busy machine that event was seen to never arrive after a
    /// redirect even though the page was there. What a test does next waits for its own element.
    /// </summary>
    public static Task WaitForPathAsync(IPage page, string glob, float timeoutMs = 30_000) => WaitForPathAsync(page, GlobToRegex(glob), timeoutMs);

    /// <inheritdoc cref="WaitForPathAsync(IPage, string, float)"/>
    public static Task WaitForPathAsync(IPage page, System.Text.RegularExpressions.Regex address, float timeoutMs = 30_000) =>
        Assertions.Expect(page).ToHaveURLAsync(address, new PageAssertionsToHaveURLOptions { Timeout = timeoutMs });

    private static System.Text.RegularExpressions.Regex GlobToRegex(string glob) =>
        new("^" + System.Text.RegularExpressions.Regex.Escape(glob).Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*") + "$");

    /// <summary>Waits until the interactive circuit is connected, so clicks reach the server.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("[data-testid=circuit][data-state=ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
}
