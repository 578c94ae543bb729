using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RamConsole.Core.Persistence;
using RamConsole.Core.Sessions;
using RamConsole.Core.SignIn;
using RamConsole.Core.Users;
using RamConsole.Web.Components.Pages.MyAccount;
using RamConsole.Web.Tests.Support;

namespace RamConsole.Web.Tests.MyAccount;

public sealed class MfaDevicesPanelTests : IAsyncLifetime
{
    private const string Password = "Erin-Passw0rd-2026";
    private readonly ConsoleTestContext _ctx = new();

    public Task InitializeAsync() => _ctx.UseRealCoreAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    /// <summary>erin, signed in to the console an hour ago (her session last saw the password then).</summary>
    private async Task SignInAnHourAgoAsync()
    {
        await _ctx.Use<CreateUser>().RunAsync(_ctx.RootCaller, new("erin", ConsolePassword: Password));
        await using var db = await _ctx.Use<IDbContextFactory<RamDbContext>>().CreateDbContextAsync();
        var erin = await db.Users.SingleAsync(u => u.UserName == "erin");
        using var scope = _ctx.Services.CreateScope();
        var session = await scope.ServiceProvider.GetRequiredService<ConsoleSignInCompletion>().CompleteAsync(erin.Id, ["pwd", "otp"], null, null);
        await db.ConsoleSessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.VerifiedAt, DateTimeOffset.UtcNow.AddHours(-1)));
        _ctx.Use<ConsoleSessions>().Forget();
        _ctx.SignInAsUser("erin", session.Id, erin.Id);
    }

    // Generous waits: each step hashes a password or writes SQLite, and CI runs this beside other test assemblies.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_old_session_confirms_the_password_before_setting_up_an_authenticator_app()
    {
        await SignInAnHourAgoAsync();
        _ctx.Render<MudPopoverProvider>();
        var dialogs = _ctx.Render<MudDialogProvider>();
        var panel = _ctx.Render<MfaDevicesPanel>(p => p.Add(x => x.UserName, "erin"));
        panel.WaitForElement("[data-testid=begin-totp]", Wait);

        var click = panel.InvokeAsync(() => panel.Find("[data-testid=begin-totp]").Click()); // completes once the dialog closes
        dialogs.WaitForElement("[data-testid=confirm-password-dialog]", Wait);
        Assert.Empty(panel.FindAll("[data-testid=totp-setup]")); // nothing is set up before the password
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=confirm-password] input, input[data-testid=confirm-password]").Input("not-her-password"));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=confirm-password-ok]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("The password is not correct.", dialogs.Markup), Wait);
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=confirm-password] input, input[data-testid=confirm-password]").Input(Password));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=confirm-password-ok]").Click());

        await click.WaitAsync(Wait);
        panel.WaitForElement("[data-testid=totp-setup]", Wait);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=confirm-password-dialog]")), Wait);
    }
}
