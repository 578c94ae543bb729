using RamConsole.Core;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RamConsole.Core.Account;
using RamConsole.Core.Authorization;
using RamConsole.Core.Mfa;
using RamConsole.Tests.Shared;

namespace RamConsole.E2E.Support;

/// <summary>
/// The real app on Kestrel at http://localhost:&lt;free port&gt; (WebAuthn needs a host name, not an IP) with a fresh
/// database, plus a Chromium instance; one per test class.
/// </summary>
public class ConsoleServer : IAsyncLifetime
{
    private RamConsoleFactory? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public string RootPassword => RamConsoleFactory.RootPassword;

    /// <summary>The running app's services, to arrange data through the real use cases.</summary>
    public IServiceProvider Services => _factory!.Services;

    public async Task InitializeAsync()
    {
        if (Support.Browser.SkipReason is not null) return;
        var port = FreePort();
        _factory = new RamConsoleFactory(Settings($"http://localhost:{port}"));
        _factory.UseKestrel(o => o.ListenLocalhost(port));
        _factory.StartServer();
        BaseUrl = $"http://localhost:{port}";
        (_playwright, Browser) = await Support.Browser.LaunchAsync();
        await WarmUpAsync();
    }

    /// <summary>Settings a fixture adds for its tests (the server's own address is known by then).</summary>
    protected virtual IDictionary<string, string?> Settings(string baseUrl) => new Dictionary<string, string?>();

    /// <summary>
    /// Renders the sign-in page and fetches its scripts once before a browser does, so the first test does not spend its
    /// timeouts on the server's first-request work (JIT, Razor component discovery, static-asset manifest).
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(1) };
        (await http.GetAsync("/Account/Login")).EnsureSuccessStatusCode();
        (await http.GetAsync("/_framework/blazor.web.js")).EnsureSuccessStatusCode();
    }

    /// <summary>Root as the use cases see it, to arrange data.</summary>
    public Caller Root
    {
        get
        {
            var account = Services.GetRequiredService<RamAccount>();
            return new Caller { Type = PrincipalKind.Root, Arn = account.RootArn, Name = "root", DisplayName = "root", Channel = CallChannel.Console };
        }
    }

    /// <summary>
    /// A fresh recovery code for <paramref name="userName"/> (binding an authenticator app first if they have no factor),
    /// so a browser test can pass the second sign-in step without racing the 30-second TOTP clock.
    /// </summary>
    public async Task<string> RecoveryCodeAsync(string userName)
    {
        using var scope = Services.CreateScope();
        var mfa = scope.ServiceProvider.GetRequiredService<TotpDevices>();
        if (!(await scope.ServiceProvider.GetRequiredService<MfaDevices>().GetStatusAsync(Root, userName)).HasFactor)
        {
            var setup = await mfa.BeginTotpAsync(Root, userName);
            var secret = TotpCodes.FromBase32(setup.SecretBase32)!;
            var step = TotpCodes.StepAt(DateTimeOffset.UtcNow);
            await mfa.BindTotpAsync(Root, userName, setup.ProtectedSecret, TotpCodes.CodeAt(secret, step - 1), TotpCodes.CodeAt(secret, step));
        }
        return (await scope.ServiceProvider.GetRequiredService<RecoveryCodeRenewal>().RegenerateAsync(Root, userName))[0];
    }

    public async Task<IPage> NewPageAsync(ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 900 }, ColorScheme = colorScheme,
        });
        // Generous: CI runs this beside the other test assemblies on two cores. A timeout only costs time when a test fails.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
