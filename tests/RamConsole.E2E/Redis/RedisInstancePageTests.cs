using Microsoft.Playwright;
using RamConsole.E2E.Support;
using RamConsole.Tests.Shared;

namespace RamConsole.E2E.Redis;

/// <summary>
/// The Redis pages as a person uses them: create an instance from the list page's dialog, land on its page, see its
/// address and default account, press Connect and get a temporary account with a redis-cli line that works — and
/// that cannot write, being read-only.
/// </summary>
public sealed class RedisInstancePageTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    [BrowserFact]
    public async Task An_administrator_creates_an_instance_and_Connect_gives_working_read_only_credentials()
    {
        var page = await server.NewPageAsync();
        await ConsolePages.SignInWithMfaAsync(page, server, "root", server.RootPassword);
        await page.GotoAsync("/redis");
        await ConsolePages.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Redis instances", Exact = true })).ToBeVisibleAsync();

        await page.ClickAsync("[data-testid=create-instance]");
        await MudControls.Field(page, "new-instance-name").FillAsync("orders-cache");
        await MudControls.Field(page, "new-instance-password").FillAsync("Orders-Passw0rd-1");
        await page.ClickAsync("[data-testid=new-instance-submit]");
        await ConsolePages.WaitForPathAsync(page, "**/redis/r-*");
        await Assertions.Expect(page.Locator("[data-testid=instance-name]")).ToHaveTextAsync("orders-cache");
        await Assertions.Expect(page.Locator("[data-testid=instance-status]")).ToHaveTextAsync("Normal");
        var address = (await page.Locator("[data-testid=instance-address]").InnerTextAsync()).Trim();
        var (host, port) = (address[..address.LastIndexOf(':')], int.Parse(address[(address.LastIndexOf(':') + 1)..]));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("redis-instance.png"), FullPage = true });
        await MudControls.TabAsync(page, "Accounts");
        await Assertions.Expect(page.Locator("[data-testid=accounts]")).ToContainTextAsync("default");
        await using (var owner = await RespClient.SignedInAsync(host, port, "default", "Orders-Passw0rd-1")) await owner.CommandAsync("SET", "order:1", "paid");

        await page.ClickAsync("[data-testid=connect]");
        await page.ClickAsync("[data-testid=connect-get]");
        var user = (await page.Locator("[data-testid=connect-user]").InnerTextAsync()).Trim();
        var password = (await page.Locator("[data-testid=connect-password]").InnerTextAsync()).Trim();
        await Assertions.Expect(page.Locator("[data-testid=connect-cli]")).ToContainTextAsync($"redis-cli -h {host} -p {port} --user {user}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("redis-connect.png") });

        await using var client = await RespClient.SignedInAsync(host, port, user, password);
        Assert.Equal("paid", await client.CommandAsync("GET", "order:1"));
        Assert.StartsWith("NOPERM", ((RespError)(await client.CommandAsync("SET", "order:1", "refunded"))!).Message);

        await page.ClickAsync("[data-testid=connect-done]");
        await MudControls.TabAsync(page, "Temporary accounts");
        await Assertions.Expect(page.Locator("[data-testid=temporary-accounts]")).ToContainTextAsync(user);
    }
}
