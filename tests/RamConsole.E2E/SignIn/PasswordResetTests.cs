using RamConsole.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RamConsole.Core.Account;
using RamConsole.Core.Authorization;
using RamConsole.Core.Users;
using RamConsole.E2E.Support;

namespace RamConsole.E2E.SignIn;

public sealed class PasswordResetTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    [BrowserFact]
    public async Task A_user_who_must_reset_the_password_chooses_a_new_one_before_the_console_opens()
    {
        using (var scope = server.Services.CreateScope())
        {
            var account = scope.ServiceProvider.GetRequiredService<RamAccount>();
            var root = new Caller { Type = PrincipalKind.Root, Arn = account.RootArn, Name = "root", DisplayName = "root", Channel = CallChannel.Console };
            await scope.ServiceProvider.GetRequiredService<CreateUser>().RunAsync(root,
                new("dave", ConsolePassword: "Dave-First-Passw0rd-Zt9q", PasswordResetRequired: true));
        }
        var code = await server.RecoveryCodeAsync("dave");
        var page = await server.NewPageAsync();

        await ConsolePages.SignInAsync(page, "dave", "Dave-First-Passw0rd-Zt9q");
        await ConsolePages.WaitForPathAsync(page, "**/Account/NewPassword**");
        await page.FillAsync("#Input\\.NewPassword", "Dave-Second-Passw0rd-Zt9q");
        await page.FillAsync("#Input\\.ConfirmPassword", "Dave-Second-Passw0rd-Zt9q");
        await page.ClickAsync("[data-testid=set-new-password]");
        await ConsolePages.PassSecondFactorAsync(page, code);
        await ConsolePages.WaitForCircuitAsync(page);

        await Assertions.Expect(page.Locator("[data-testid=signed-in-principal]")).ToContainTextAsync("dave");
        Assert.Equal(0, await page.Locator("[data-testid=root-warning]").CountAsync());
    }
}
