using RamConsole.Web.Components.Shared;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Microsoft.Extensions.Configuration;
using RamConsole.Core;
using RamConsole.Core.Account;
using RamConsole.Core.Persistence;
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
        // Pages call the real use cases (SQLite, the audit writer's synced commits): on a loaded 2-core CI machine, with the
        // other test projects running beside this one, a refusal's audit can take longer than bUnit's 1 s default.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        var account = new RamAccount(null!);
        account.Set(new Core.Account.Account { AccountId = AccountId, Alias = "unit-account" });
        Services.AddSingleton(account); // replaced by the real one in UseRealCoreAsync (bootstrap sets it)
        Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
        Services.AddScoped<ConsoleConnection>();
    }

    public void SignInAsRoot() => SignIn("root", "Root", Arns.Root(_accountId));

    /// <summary>A RAM user; with <paramref name="sessionId"/> and <paramref name="userId"/>, signed in with that console session.</summary>
    public void SignInAsUser(string name, string? sessionId = null, string? userId = null) => SignIn(name, "User", Arns.User(_accountId, name), sessionId, userId);

    private string _accountId = AccountId;
    private readonly DatabaseHold _hold = new();

    /// <summary>
    /// Holds every unit of work opened from now until the handle is disposed, so a test sees what a page shows while its
    /// server calls are in flight (the loading state).
    /// </summary>
    public IDisposable HoldDatabase() => _hold.Begin();
    private Bunit.TestDoubles.BunitAuthorizationContext? _auth;
    private string? _directory;

    /// <summary>
    /// Swaps the fixed account for Core's real services on a fresh SQLite database (migrated and bootstrapped), so a
    /// page under test calls the real use cases and the real gate.
    /// </summary>
    public async Task<IServiceProvider> UseRealCoreAsync(TimeProvider? time = null)
    {
        if (time is not null) Services.AddSingleton(time); // Core adds the system clock only if none is registered
        _directory = Path.Combine(Path.GetTempPath(), "ramconsole-bunit", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Ram"] = $"Data Source={Path.Combine(_directory, "ram.db")}",
            ["Bootstrap:RootPassword"] = "Bunit-Root-Passw0rd",
        }).AddInMemoryCollection(RamConsole.Tests.Shared.ManagedRedisForTests.Settings(_directory)).Build();
        _auth ??= AddAuthorization(); // its services must be registered before the provider is first used
        Services.AddLogging();
        Services.AddRamCore(configuration, _directory);
        HoldableDatabase.Wrap(Services, _hold);
        Services.AddScoped<ConsoleCaller>();
        Services.AddScoped<RoleConsoleSessions>();
        Services.AddScoped<ConsoleActions>();
        Services.AddSingleton<RamConsole.Web.Components.Pages.Audit.AuditExportProgress>();
        await RamDatabase.MigrateAsync(Services);
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().RunAsync();
        }
        _accountId = Services.GetRequiredService<RamAccount>().AccountId;
        return Services;
    }

    /// <summary>A caller with root's rights, for arranging data.</summary>
    public Core.Authorization.Caller RootCaller => new()
    {
        Type = Core.PrincipalKind.Root, Arn = Arns.Root(_accountId), Name = "root", DisplayName = "root", Channel = Core.Authorization.CallChannel.Console,
    };

    public T Use<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Renders a routable page as the router would (with MudBlazor's popover and dialog hosts beside it).</summary>
    public (IRenderedComponent<Microsoft.AspNetCore.Components.DynamicComponent> Page, IRenderedComponent<MudBlazor.MudDialogProvider> Dialogs)
        RenderPage(Type page, IDictionary<string, object>? parameters = null)
    {
        Render<MudBlazor.MudPopoverProvider>();
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        return (Render<Microsoft.AspNetCore.Components.DynamicComponent>(p => p.Add(d => d.Type, page).Add(d => d.Parameters, parameters)), dialogs);
    }

    // BunitContext.DisposeAsync is not virtual; tests hold this type, so this one runs.
    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_directory is null) return;
        RamConsole.Tests.Shared.ManagedRedisForTests.StopAll(_directory);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } // best effort
    }

    private void SignIn(string name, string kind, string arn, string? sessionId = null, string? userId = null)
    {
        var auth = _auth ??= AddAuthorization();
        auth.SetAuthorized(name);
        List<Claim> claims = [new(ConsoleClaims.Kind, kind), new(ConsoleClaims.Arn, arn), new(ConsoleClaims.DisplayName, name)];
        if (sessionId is not null) claims.Add(new Claim(ConsoleClaims.SessionId, sessionId));
        if (userId is not null) claims.Add(new Claim(ClaimTypes.NameIdentifier, userId));
        auth.SetClaims([.. claims]);
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
