using Microsoft.Playwright;
using RamConsole.E2E.Support;

namespace RamConsole.E2E.Identity;

public sealed class IdentityManagementTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    [BrowserFact]
    public async Task Root_builds_a_group_and_a_user_and_sees_effective_permissions_and_a_secret_once()
    {
        var page = await server.NewPageAsync();
        await ConsolePages.SignInWithMfaAsync(page, server, "root", server.RootPassword);
        await ConsolePages.WaitForCircuitAsync(page);

        // A group with the kvstore read-only system policy.
        await page.GotoAsync("/groups");
        await ConsolePages.WaitForCircuitAsync(page);
        await page.ClickAsync("[data-testid=create-group]");
        await MudControls.Field(page, "new-group-name").FillAsync("redis-readers");
        await page.ClickAsync("[data-testid=new-group-submit]");
        await Assertions.Expect(page.Locator("[data-testid=group-name]")).ToHaveTextAsync("redis-readers");
        await MudControls.TabAsync(page, "Policies");
        await MudControls.SelectAsync(page, "attach-policy-select", "AliyunKvstoreReadOnlyAccess");
        await page.ClickAsync("[data-testid=attach-policy]");
        await Assertions.Expect(page.Locator("[data-testid=confirm-details]")).ToContainTextAsync("No difference in access"); // no members yet
        await page.ClickAsync("[data-testid=confirm-ok]");
        await Assertions.Expect(page.Locator("[data-testid=attached-policies]")).ToContainTextAsync("AliyunKvstoreReadOnlyAccess");

        // A user with console access.
        await page.GotoAsync("/users");
        await ConsolePages.WaitForCircuitAsync(page);
        await page.ClickAsync("[data-testid=create-user]");
        await MudControls.Field(page, "new-user-name").FillAsync("carol");
        await MudControls.Field(page, "new-user-console").CheckAsync();
        await MudControls.Field(page, "new-user-password").FillAsync("Carol-Passw0rd-2026");
        await page.ClickAsync("[data-testid=new-user-submit]");
        await Assertions.Expect(page.Locator("[data-testid=user-name]")).ToHaveTextAsync("carol");

        // Into the group; the group's policy shows under effective permissions.
        await MudControls.TabAsync(page, "Groups");
        await MudControls.SelectAsync(page, "add-group-select", "redis-readers");
        await page.ClickAsync("[data-testid=add-group]");
        // The confirm dialog shows, computed by the engine, what joining the group changes.
        await Assertions.Expect(page.Locator("[data-testid=confirm-details]")).ToContainTextAsync("carol gains kvstore:DescribeInstances");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("group-join-diff.png") });
        await page.ClickAsync("[data-testid=confirm-ok]");
        await Assertions.Expect(page.Locator("[data-testid=user-groups]")).ToContainTextAsync("redis-readers");
        await MudControls.TabAsync(page, "Effective permissions");
        var effective = page.Locator("[data-testid=effective-policies]");
        await Assertions.Expect(effective).ToContainTextAsync("AliyunKvstoreReadOnlyAccess");
        await Assertions.Expect(effective).ToContainTextAsync("Group redis-readers");

        // An AccessKey: the secret is shown once.
        await MudControls.TabAsync(page, "AccessKeys");
        await page.ClickAsync("[data-testid=create-access-key]");
        var secret = (await page.Locator("[data-testid=new-key-secret]").InnerTextAsync()).Trim();
        var keyId = (await page.Locator("[data-testid=new-key-id]").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9A-Za-z]{30}$", secret);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("access-key-created.png") });
        await page.ClickAsync("[data-testid=new-key-done]");
        await Assertions.Expect(page.Locator("[data-testid=access-keys]")).ToContainTextAsync(keyId);
        await Assertions.Expect(page.Locator("[data-testid=mixed-warning]")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await ConsolePages.WaitForCircuitAsync(page);
        await MudControls.TabAsync(page, "AccessKeys");
        await Assertions.Expect(page.Locator("[data-testid=access-keys]")).ToContainTextAsync(keyId);
        Assert.DoesNotContain(secret, await page.ContentAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("user-detail.png"), FullPage = true });
    }
}
