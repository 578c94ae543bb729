using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using RamConsole.Tests.Shared;

namespace RamConsole.E2E.Support;

/// <summary>
/// The real app on Kestrel at http://localhost:&lt;free port&gt; (WebAuthn needs a host name, not an IP) with a fresh
/// database, plus a Chromium instance; one per test class.
/// </summary>
public sealed class ConsoleServer : IAsyncLifetime
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
        _factory = new RamConsoleFactory();
        _factory.UseKestrel(o => o.ListenLocalhost(port));
        _factory.StartServer();
        BaseUrl = $"http://localhost:{port}";
        (_playwright, Browser) = await Support.Browser.LaunchAsync();
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(15_000);
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
