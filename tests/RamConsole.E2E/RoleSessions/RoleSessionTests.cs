using RamConsole.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RamConsole.Core.Account;
using RamConsole.Core.Authorization;
using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Users;
using RamConsole.E2E.Support;
using RamConsole.Tests.Shared;

namespace RamConsole.E2E.RoleSessions;

public sealed class RoleSessionTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    [BrowserFact]
    public async Task The_role_session_page_issues_credentials_that_work_against_the_API()
    {
        string roleArn;
        using (var scope = server.Services.CreateScope())
        {
            var s = scope.ServiceProvider;
            var account = s.GetRequiredService<RamAccount>();
            var root = new Caller { Type = PrincipalKind.Root, Arn = account.RootArn, Name = "root", DisplayName = "root", Channel = CallChannel.Console };
            await s.GetRequiredService<CreateUser>().RunAsync(root, new("erin", ConsolePassword: "Erin-Passw0rd-2026"));
            await s.GetRequiredService<PolicyAttachments>().AttachAsync(root, "System", "AliyunSTSAssumeRoleAccess", PrincipalKind.User, "erin");
            roleArn = (await s.GetRequiredService<RoleUseCases>().CreateAsync(root, new("redis-ops",
                $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{account.AccountId}}}:root"}}]}"""))).Arn;
        }
        var page = await server.NewPageAsync();
        await ConsolePages.SignInWithMfaAsync(page, server, "erin", "Erin-Passw0rd-2026");
        await ConsolePages.WaitForCircuitAsync(page);

        await page.GotoAsync("/role-sessions");
        await ConsolePages.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=session-reason]")).ToContainTextAsync("You may assume this role.");
        await page.ClickAsync("[data-testid=issue-token]");
        var id = (await page.Locator("[data-testid=sts-key-id]").InnerTextAsync()).Trim();
        var secret = (await page.Locator("[data-testid=sts-key-secret]").InnerTextAsync()).Trim();
        var token = (await page.Locator("[data-testid=sts-token]").InnerTextAsync()).Trim();
        await Assertions.Expect(page.Locator("[data-testid=sts-exports]")).ToContainTextAsync("ALIBABA_CLOUD_SECURITY_TOKEN=");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("role-session.png") });

        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var (status, identity) = await new RpcClient(http, id, secret, token).V3Async("2015-04-01", "GetCallerIdentity");

        Assert.Equal(200, status);
        Assert.Equal("AssumedRoleUser", identity.GetProperty("IdentityType").GetString());
        Assert.Equal($"{roleArn}/console-session", identity.GetProperty("Arn").GetString());

        // The role page lists the session; revoking there stops the token at its next request.
        var admin = await server.NewPageAsync();
        await ConsolePages.SignInWithMfaAsync(admin, server, "root", server.RootPassword);
        await admin.GotoAsync("/roles/redis-ops");
        await ConsolePages.WaitForCircuitAsync(admin);
        await admin.GetByRole(AriaRole.Tab, new() { Name = "Sessions" }).ClickAsync();
        var sessions = admin.Locator("[data-testid=role-sessions]");
        await Assertions.Expect(sessions).ToContainTextAsync(id);
        await Assertions.Expect(sessions).ToContainTextAsync("acs:ram::" + roleArn.Split(':')[3] + ":user/erin");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("role-active-sessions.png") });
        await admin.ClickAsync("[data-testid=revoke-sessions]");
        await admin.ClickAsync("[data-testid=confirm-ok]");
        await Assertions.Expect(sessions).ToContainTextAsync("No active sessions.");
        var (revokedStatus, revoked) = await new RpcClient(http, id, secret, token).V3Async("2015-04-01", "GetCallerIdentity");
        Assert.Equal((400, "InvalidSecurityToken.Expired"), (revokedStatus, revoked.GetProperty("Code").GetString()));
    }
}
