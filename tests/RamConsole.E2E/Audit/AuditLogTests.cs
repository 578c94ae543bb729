using RamConsole.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RamConsole.Core.Account;
using RamConsole.Core.Audit;
using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Users;
using RamConsole.E2E.Support;

namespace RamConsole.E2E.Audit;

public sealed class AuditLogTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    [BrowserFact]
    public async Task An_explicitly_denied_console_action_shows_up_under_Denied_with_its_detail()
    {
        using (var scope = server.Services.CreateScope())
        {
            var s = scope.ServiceProvider;
            await s.GetRequiredService<CreateUser>().RunAsync(server.Root, new("dave", ConsolePassword: "Dave-Passw0rd-2026"));
            await s.GetRequiredService<PolicyAttachments>().AttachAsync(server.Root, "System", "AliyunRAMReadOnlyAccess", PrincipalKind.User, "dave");
            await s.GetRequiredService<CreatePolicy>().RunAsync(server.Root, new("NoAuditReading",
                """{"Version":"1","Statement":[{"Effect":"Deny","Action":"ram:ListAuditEvents","Resource":"*"}]}"""));
            await s.GetRequiredService<PolicyAttachments>().AttachAsync(server.Root, "Custom", "NoAuditReading", PrincipalKind.User, "dave");
        }

        // Read-only access would allow ram:List*, but the explicit Deny wins: the page says so, and the gate records it.
        var dave = await server.NewPageAsync();
        await ConsolePages.SignInWithMfaAsync(dave, server, "dave", "Dave-Passw0rd-2026");
        await dave.GotoAsync("/audit");
        await ConsolePages.WaitForCircuitAsync(dave);
        await Assertions.Expect(dave.Locator("[data-testid=audit-error]")).ToContainTextAsync("ram:ListAuditEvents");

        var root = await server.NewPageAsync();
        await ConsolePages.SignInWithMfaAsync(root, server, "root", server.RootPassword);
        await root.GotoAsync("/audit");
        await ConsolePages.WaitForCircuitAsync(root);
        await MudControls.SelectAsync(root, "filter-result", "Denied");
        await MudControls.Field(root, "filter-action").FillAsync("ram:List*");
        await root.ClickAsync("[data-testid=apply-filter]");
        var rows = root.Locator("[data-testid=audit-table] tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync("user/dave");
        await Assertions.Expect(rows.First).ToContainTextAsync("ram:ListAuditEvents");
        await Assertions.Expect(root.Locator("[data-testid=audit-table] tbody")).Not.ToContainTextAsync("Success");

        await rows.First.ClickAsync();
        await Assertions.Expect(root.Locator("[data-testid=audit-detail-json]")).ToContainTextAsync("ExplicitDeny");
        await Assertions.Expect(root.Locator("[data-testid=audit-count]")).ToHaveTextAsync("1 matching"); // one visit, one record
        await root.WaitForTimeoutAsync(400); // the drawer's slide-in, for the screenshot only
        await root.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("audit-denied.png") });

        // The export link carries the same filter.
        var href = await root.Locator("[data-testid=export-csv]").GetAttributeAsync("href");
        Assert.Contains("result=Denied", href);
        var csv = await root.APIRequest.GetAsync("/" + href!.TrimStart('/'));
        Assert.Equal(200, csv.Status);
        var text = await csv.TextAsync();
        Assert.StartsWith("Id,Time,Principal", text, StringComparison.Ordinal);
        Assert.Contains("user/dave", text);
        Assert.DoesNotContain(",Success,", text);

        // Clicking the button downloads the file and follows the export to the end.
        await root.Locator(".mud-overlay").First.ClickAsync(); // close the drawer
        var download = await root.RunAndWaitForDownloadAsync(() => root.ClickAsync("[data-testid=export-jsonl]"));
        Assert.EndsWith(".jsonl", download.SuggestedFilename, StringComparison.Ordinal);
        await Assertions.Expect(root.Locator("[data-testid=export-progress]")).ToContainTextAsync("Exported 1 event.");
        var line = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("\"Result\":\"Denied\"", line);
    }

    [BrowserFact]
    public async Task A_refused_detail_page_says_why_and_is_recorded_once()
    {
        string accountId;
        using (var scope = server.Services.CreateScope())
        {
            var s = scope.ServiceProvider;
            accountId = s.GetRequiredService<RamAccount>().AccountId;
            await s.GetRequiredService<CreateUser>().RunAsync(server.Root, new("erin", ConsolePassword: "Erin-Passw0rd-2026"));
            await s.GetRequiredService<RoleUseCases>().CreateAsync(server.Root, new("vault-admin",
                $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{accountId}}}:root"}}]}"""));
        }

        // erin has no policy at all: the role page is refused, and says so instead of loading forever.
        var erin = await server.NewPageAsync();
        await ConsolePages.SignInWithMfaAsync(erin, server, "erin", "Erin-Passw0rd-2026");
        await erin.GotoAsync("/roles/vault-admin");
        await ConsolePages.WaitForCircuitAsync(erin);
        await Assertions.Expect(erin.Locator("[data-testid=detail-refused]")).ToContainTextAsync("You may not view this role");
        await Assertions.Expect(erin.Locator("[data-testid=detail-refused]")).ToContainTextAsync("NoPermission");
        await erin.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("detail-refused.png") });

        // One visit, one refusal on record: the page is not prerendered, so its gated read runs once.
        using var read = server.Services.CreateScope();
        var page = await read.ServiceProvider.GetRequiredService<ListAuditEvents>().RunAsync(server.Root,
            new AuditFilter { Principal = $"acs:ram::{accountId}:user/erin", Action = "ram:GetRole", Result = AuditResult.Denied }, null, 50);
        Assert.Equal(1, page.Matching);
        Assert.Equal($"acs:ram:*:{accountId}:role/vault-admin", Assert.Single(page.Items).ResourceArn);
    }
}
