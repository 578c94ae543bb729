using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RamConsole.Core;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Account;
using RamConsole.Core.Authorization;
using RamConsole.Core.Groups;
using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Users;
using RamConsole.E2E.Support;
using Xunit.Abstractions;

namespace RamConsole.E2E.Accessibility;

/// <summary>
/// WCAG 2.1 A/AA as axe-core measures it, on every page and state a person reaches — every route and tab, the dialogs,
/// the sign-in steps, not-found and access-denied — in the light and the dark theme. Fails on any critical or serious
/// violation and lists rule, element and page; the per-state counts and a screenshot of each state are artifacts.
/// </summary>
public sealed class AccessibilityTests(ConsoleServer server, ITestOutputHelper output) : IClassFixture<ConsoleServer>
{
    private const string UserPassword = "Alice-Passw0rd-2026!";

    [BrowserFact]
    public async Task Every_page_and_dialog_has_no_critical_or_serious_violation_in_either_theme()
    {
        await ArrangeAsync();
        var audit = new AxeAudit();
        foreach (var dark in new[] { false, true })
        {
            var theme = dark ? "dark" : "light";
            await AuditSignInStepsAsync(audit, theme, dark);
            await AuditConsoleAsync(audit, theme, dark);
        }
        var report = audit.Report();
        await File.WriteAllTextAsync(Browser.ArtifactPath("a11y/axe-report.md"), report);
        output.WriteLine(report);
        Assert.True(audit.FailingCount == 0, report);
    }

    /// <summary>Users, a group, a role and a custom policy, so that lists, details and tabs have something to show.</summary>
    private async Task ArrangeAsync()
    {
        using var scope = server.Services.CreateScope();
        var services = scope.ServiceProvider;
        var root = server.Root;
        var accountId = services.GetRequiredService<RamAccount>().AccountId;
        await services.GetRequiredService<CreateUser>().RunAsync(root, new("alice", ConsolePassword: UserPassword));
        await services.GetRequiredService<CreateUser>().RunAsync(root, new("newbie", ConsolePassword: UserPassword, MfaBindRequired: true));
        await services.GetRequiredService<CreateUser>().RunAsync(root, new("resetter", ConsolePassword: UserPassword, PasswordResetRequired: true));
        await services.GetRequiredService<CreateUser>().RunAsync(root, new("deploy-bot"));
        await services.GetRequiredService<AccessKeyUseCases>().CreateAsync(root, "deploy-bot");
        await services.GetRequiredService<CreateGroup>().RunAsync(root, new("ops"));
        await services.GetRequiredService<GroupMembership>().AddAsync(root, "alice", "ops");
        await services.GetRequiredService<CreatePolicy>().RunAsync(root, new("kv-readers",
            """{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:Describe*","Resource":"*"}]}""", "Read Redis instances"));
        await services.GetRequiredService<PolicyAttachments>().AttachAsync(root, "Custom", "kv-readers", PrincipalKind.Group, "ops");
        await services.GetRequiredService<RoleUseCases>().CreateAsync(root, new("deployer",
            $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{accountId}}}:root"}}]}""",
            "Deploys things"));
        _instanceId = (await services.GetRequiredService<RamConsole.Core.Redis.CreateRedisInstance>().RunAsync(root, new("a11y-cache", "A11y-Passw0rd-1"))).InstanceId;
        using var idp = new RamConsole.Tests.Shared.SamlIdpForTests();
        await services.GetRequiredService<RamConsole.Core.Federation.SamlProviders>().CreateAsync(root, new("corp-idp", idp.EncodedMetadata(), "Corporate IdP"));
        await services.GetRequiredService<RamConsole.Core.Federation.OidcProviders>().CreateAsync(root, new("ci", "https://token.ci.example.com",
            "902EF2DEEB3C5B13EA4C3D5193629309E231AE55", "app-1,app-2"));
    }

    private string _instanceId = "";

    private async Task<IPage> NewPageAsync(bool dark)
    {
        var page = await server.NewPageAsync(dark ? ColorScheme.Dark : ColorScheme.Light);
        // The console remembers the theme per browser (MainLayout reads it once the circuit is up).
        await page.Context.AddInitScriptAsync($"localStorage.setItem('ramconsole.darkMode', '{(dark ? "true" : "false")}')");
        return page;
    }

    private async Task AuditSignInStepsAsync(AxeAudit audit, string theme, bool dark)
    {
        var page = await NewPageAsync(dark);
        await page.GotoAsync("/Account/Login");
        await audit.CheckAsync(page, $"{theme} sign-in: password");
        await page.FillAsync("#Input\\.UserName", "alice");
        await page.FillAsync("#Input\\.Password", "wrong-password");
        await page.ClickAsync("[data-testid=sign-in]");
        await page.Locator(".rc-alert-error").WaitForAsync();
        await audit.CheckAsync(page, $"{theme} sign-in: password refused");
        await page.GotoAsync("/Account/AccessDenied");
        await audit.CheckAsync(page, $"{theme} access denied");
        await page.GotoAsync("/Account/Login?sso=refused");
        await audit.CheckAsync(page, $"{theme} sign-in: SSO refused");
        await page.GotoAsync("/saml-role/choose");
        await audit.CheckAsync(page, $"{theme} role picker (expired)");

        await ConsolePages.SignInAsync(page, "resetter", UserPassword);
        await ConsolePages.WaitForPathAsync(page, "**/Account/NewPassword**");
        await audit.CheckAsync(page, $"{theme} sign-in: new password");
        await page.Context.ClearCookiesAsync();

        await server.RecoveryCodeAsync("alice"); // binds a factor, so alice meets the second-factor step, not enrolment
        await ConsolePages.SignInAsync(page, "alice", UserPassword);
        await ConsolePages.WaitForPathAsync(page, "**/Account/Mfa**");
        await audit.CheckAsync(page, $"{theme} sign-in: second factor");
        await page.Context.ClearCookiesAsync();

        await ConsolePages.SignInAsync(page, "newbie", UserPassword);
        await ConsolePages.WaitForPathAsync(page, "**/my-account/enrol");
        await ConsolePages.WaitForCircuitAsync(page);
        await audit.CheckAsync(page, $"{theme} MFA enrolment");
        await page.Context.CloseAsync();
    }

    private async Task AuditConsoleAsync(AxeAudit audit, string theme, bool dark)
    {
        var page = await NewPageAsync(dark);
        await ConsolePages.SignInWithMfaAsync(page, server, "root", server.RootPassword);
        await ConsolePages.WaitForCircuitAsync(page);

        async Task Visit(string path, string name, params string[] tabs)
        {
            await page.GotoAsync(path);
            await ConsolePages.WaitForCircuitAsync(page);
            await audit.CheckAsync(page, $"{theme} {name}");
            // One h1 per page: screen-reader users jump to it, and the router moves focus to it on navigation.
            Assert.Equal(1, await page.Locator("main h1").CountAsync());
            foreach (var tab in tabs)
            {
                await MudControls.TabAsync(page, tab);
                await audit.CheckAsync(page, $"{theme} {name} · {tab}");
            }
        }

        await Visit("/", "overview");
        await Visit("/users", "users");
        await Visit("/users/alice", "user detail", "Groups", "Policies", "Effective permissions", "AccessKeys", "Console access", "Sign-in security");
        await Visit("/users/deploy-bot", "user detail (program)", "AccessKeys");
        await Visit("/groups", "groups");
        await Visit("/groups/ops", "group detail", "Policies");
        await Visit("/roles", "roles");
        await Visit("/roles/deployer", "role detail", "Policies", "Sessions", "Who may assume it");
        await Visit("/policies", "policies");
        await Visit("/policies/Custom/kv-readers", "custom policy detail", "Versions", "Attached to");
        await Visit("/policies/System/AliyunKvstoreReadOnlyAccess", "system policy detail");
        await Visit("/policies/simulator", "policy simulator");
        await Visit("/role-sessions", "role sessions");
        await Visit("/settings/security", "security settings");
        await Visit("/audit", "audit log");
        await Visit("/hygiene", "identity hygiene");
        await Visit("/redis", "Redis instances");
        await Visit($"/redis/{_instanceId}", "Redis instance", "Accounts", "Temporary accounts", "Parameters");
        await Visit("/sso", "single sign-on", "SAML providers", "OIDC providers");
        await Visit("/sso/saml/corp-idp", "SAML provider", "Roles that trust it");
        await Visit("/sso/oidc/ci", "OIDC provider", "Client ids", "Settings", "Roles that trust it");
        await Visit("/my-account", "my account", "Password", "Sessions"); // root has no AccessKeys tab (DESIGN: root keeps none)
        await Visit("/no-such-page", "not found");

        // The dialogs: every create dialog, a one-time secret, a confirmation with the access difference.
        foreach (var (list, button) in new[] { ("users", "create-user"), ("groups", "create-group"), ("roles", "create-role"), ("policies", "create-policy"),
                     ("redis", "create-instance") })
        {
            await page.GotoAsync("/" + list);
            await ConsolePages.WaitForCircuitAsync(page);
            await page.ClickAsync($"[data-testid={button}]");
            await page.Locator(".mud-dialog").WaitForAsync();
            await audit.CheckAsync(page, $"{theme} dialog: {button.Replace('-', ' ')}");
        }
        foreach (var (tab, button) in new[] { ("SAML providers", "create-saml-provider"), ("OIDC providers", "create-oidc-provider") })
        {
            await page.GotoAsync("/sso");
            await ConsolePages.WaitForCircuitAsync(page);
            await MudControls.TabAsync(page, tab);
            await page.ClickAsync($"[data-testid={button}]");
            await page.Locator(".mud-dialog").WaitForAsync();
            await audit.CheckAsync(page, $"{theme} dialog: {button.Replace('-', ' ')}");
        }
        await page.GotoAsync("/policies/Custom/kv-readers");
        await ConsolePages.WaitForCircuitAsync(page);
        await MudControls.TabAsync(page, "Versions");
        await page.ClickAsync("[data-testid=create-version]");
        await page.Locator(".mud-dialog").WaitForAsync();
        await audit.CheckAsync(page, $"{theme} dialog: create policy version");

        await page.GotoAsync("/users/alice");
        await ConsolePages.WaitForCircuitAsync(page);
        await MudControls.TabAsync(page, "AccessKeys");
        await page.ClickAsync("[data-testid=create-access-key]");
        await page.Locator("[data-testid=new-key-secret]").WaitForAsync();
        await audit.CheckAsync(page, $"{theme} dialog: one-time AccessKey secret");
        await page.ClickAsync("[data-testid=new-key-done]");

        await MudControls.TabAsync(page, "Groups");
        await page.Locator("[data-testid=user-groups]").WaitForAsync();
        await page.Locator("[data-testid=user-groups] button").First.ClickAsync(); // remove from ops: access shrinks
        await page.Locator("[data-testid=confirm-details]").WaitForAsync();
        await audit.CheckAsync(page, $"{theme} dialog: confirmation with access difference");
        await page.Keyboard.PressAsync("Escape");

        await page.GotoAsync($"/redis/{_instanceId}");
        await ConsolePages.WaitForCircuitAsync(page);
        await page.ClickAsync("[data-testid=connect]");
        await page.Locator("[data-testid=connect-get]").WaitForAsync();
        await audit.CheckAsync(page, $"{theme} dialog: connect");
        await page.ClickAsync("[data-testid=connect-get]");
        await page.Locator("[data-testid=connect-cli]").WaitForAsync();
        await audit.CheckAsync(page, $"{theme} dialog: connect credentials");
        await page.ClickAsync("[data-testid=connect-done]");

        await page.GotoAsync("/audit");
        await ConsolePages.WaitForCircuitAsync(page);
        var firstEvent = page.Locator("[data-testid=audit-table] tbody tr").First;
        await Assertions.Expect(firstEvent).ToContainTextAsync("acs:ram:"); // loaded, not the loading row
        await firstEvent.ClickAsync();
        await page.Locator("[data-testid=audit-detail]").WaitForAsync();
        await audit.CheckAsync(page, $"{theme} audit event drawer");
        await page.Context.CloseAsync();
    }
}
