using Microsoft.Playwright;
using RamConsole.E2E.Support;

namespace RamConsole.E2E.Accessibility;

/// <summary>
/// A person without a mouse: the skip link, then create a user, open it and create an AccessKey with Tab, Enter, Space
/// and typing only — dialogs take focus and give it back, and status messages are announced.
/// </summary>
public sealed class KeyboardOnlyTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    [BrowserFact]
    public async Task Root_creates_a_user_opens_it_and_creates_an_AccessKey_with_the_keyboard_only()
    {
        var page = await server.NewPageAsync();
        await ConsolePages.SignInWithMfaAsync(page, server, "root", server.RootPassword);
        await ConsolePages.WaitForCircuitAsync(page);

        // The router puts focus on each page's h1 (for screen readers). Walking back from there, the skip link is the
        // first thing in the document (before the app bar and the navigation); Enter puts focus in the page itself.
        await TabUntilAsync(page, "el.dataset.testid === 'skip-to-content'", backwards: true);
        Assert.Equal(0, await page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('a[href], button, input, [tabindex]:not([tabindex=\"-1\"])')].indexOf(document.activeElement)"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.activeElement?.id === 'main-content'");

        // To Users through the navigation (Shift+Tab walks back from the page into the drawer).
        await TabUntilAsync(page, "el.textContent.trim() === 'Users'", backwards: true);
        await page.Keyboard.PressAsync("Enter");
        await ConsolePages.WaitForPathAsync(page, "**/users");
        await page.Locator("[data-testid=users-table]").WaitForAsync();

        // Create user: the dialog takes focus, the form is filled by typing, Space flips the switch.
        await TabUntilAsync(page, "el.dataset.testid === 'create-user'");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".mud-dialog").WaitForAsync();
        await Assertions.Expect(page.Locator(".mud-dialog :focus")).ToHaveCountAsync(1);
        await TabUntilAsync(page, "el.closest('[data-testid=new-user-name]') !== null || el.dataset.testid === 'new-user-name'");
        await page.Keyboard.TypeAsync("kbd-user");
        await TabUntilAsync(page, "el.closest('[data-testid=new-user-console]') !== null");
        await page.Keyboard.PressAsync("Space");
        await TabUntilAsync(page, "el.closest('[data-testid=new-user-password]') !== null || el.dataset.testid === 'new-user-password'");
        await page.Keyboard.TypeAsync("Lantern-Orbit-Maple-42");
        await TabUntilAsync(page, "el.dataset.testid === 'new-user-submit'");
        await page.Keyboard.PressAsync("Enter");
        // Creating a console user hashes its password (PBKDF2, 210,000 rounds) and rates it (zxcvbn, whose dictionaries
        // load on first use): on a loaded two-core CI machine that has taken more than the default five seconds.
        await Assertions.Expect(page.Locator("[data-testid=user-name]")).ToHaveTextAsync("kbd-user", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("User kbd-user created.");
        // Status messages are announced: the snackbar sits in a live region.
        Assert.True(await page.EvaluateAsync<bool>(
            "() => { const s = document.querySelector('.mud-snackbar'); return !!s && !!s.closest('[aria-live], [role=status], [role=alert]'); }"));

        // The AccessKeys tab, then Create AccessKey: the one-time secret dialog takes focus and gives it back.
        // Tabs are one stop in the Tab order (the ARIA tabs pattern): Tab to the tab list, arrows to the tab, Enter.
        await TabUntilAsync(page, "el.getAttribute('role') === 'tab'");
        await KeyUntilAsync(page, "ArrowRight", "el.getAttribute('role') === 'tab' && el.textContent.trim() === 'AccessKeys'");
        await page.Keyboard.PressAsync("Enter");
        await TabUntilAsync(page, "el.dataset.testid === 'create-access-key'");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid=new-key-secret]").WaitForAsync();
        await Assertions.Expect(page.Locator(".mud-dialog :focus")).ToHaveCountAsync(1);
        var keyId = (await page.Locator("[data-testid=new-key-id]").InnerTextAsync()).Trim();
        await TabUntilAsync(page, "el.dataset.testid === 'new-key-done'");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=access-keys]")).ToContainTextAsync(keyId);
        await page.WaitForFunctionAsync("() => document.activeElement?.dataset?.testid === 'create-access-key'");

        // The focus ring is visible where focus is.
        var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.Equal("solid", outline);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("keyboard-only-access-key.png") });
    }

    private static Task<string?> FocusedAsync(IPage page, string expression) =>
        page.EvaluateAsync<string?>($"() => {{ const el = document.activeElement; return el ? String({expression}) : null; }}");

    /// <summary>Presses Tab (or Shift+Tab) until the focused element satisfies <paramref name="condition"/> (about <c>el</c>).</summary>
    private static Task TabUntilAsync(IPage page, string condition, bool backwards = false, int max = 80) =>
        KeyUntilAsync(page, backwards ? "Shift+Tab" : "Tab", condition, max);

    private static async Task KeyUntilAsync(IPage page, string key, string condition, int max = 80)
    {
        for (var i = 0; i < max; i++)
        {
            await page.Keyboard.PressAsync(key);
            if (await page.EvaluateAsync<bool>($"() => {{ const el = document.activeElement; return !!el && ({condition}); }}")) return;
        }
        var at = await FocusedAsync(page, "el.outerHTML.slice(0, 200)");
        Assert.Fail($"No focusable element matching {condition} within {max} presses; focus is on {at}");
    }
}
