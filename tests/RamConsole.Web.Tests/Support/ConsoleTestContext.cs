using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using RamConsole.Core.Account;
using RamConsole.Web.Identity;

namespace RamConsole.Web.Tests.Support;

/// <summary>
/// A bUnit context set up the way MudBlazor needs it (services, loose JS interop) with a signed-in principal.
/// xunit 2 does not await IAsyncDisposable on test classes, so tests dispose it through IAsyncLifetime.
/// </summary>
public sealed class ConsoleTestContext : BunitContext
{
    public const string AccountId = "1234567890123456";

    public ConsoleTestContext()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        var account = new RamAccount(null!);
        account.Set(new Core.Account.Account { AccountId = AccountId, Alias = "unit-account" });
        Services.AddSingleton(account);
        Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
        Services.AddScoped<ConsoleConnection>();
    }

    public void SignInAsRoot() => SignIn("root", "Root", Arns.Root(AccountId));

    public void SignInAsUser(string name) => SignIn(name, "User", Arns.User(AccountId, name));

    private void SignIn(string name, string kind, string arn)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(name);
        auth.SetClaims(new Claim(ConsoleClaims.Kind, kind), new Claim(ConsoleClaims.Arn, arn), new Claim(ConsoleClaims.DisplayName, name));
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
