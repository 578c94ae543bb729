using Microsoft.Playwright;

namespace RamConsole.E2E.Support;

/// <summary>Driving MudBlazor controls the way a person does: open the select, click the item.</summary>
public static class MudControls
{
    public static async Task SelectAsync(IPage page, string selectTestId, string itemText)
    {
        await page.Locator($"[data-testid={selectTestId}]").Locator("xpath=ancestor-or-self::div[contains(@class,'mud-select')][1]").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = itemText }).First.ClickAsync();
    }

    /// <summary>The input or textarea of a MudBlazor field, wherever the test id landed (the input itself or its wrapper).</summary>
    public static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    public static Task TabAsync(IPage page, string tabText) =>
        page.Locator(".mud-tab").Filter(new LocatorFilterOptions { HasText = tabText }).First.ClickAsync();
}
