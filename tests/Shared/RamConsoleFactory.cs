using RamConsole.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Account;
using RamConsole.Core.Authorization;
using RamConsole.Core.Policies;
using RamConsole.Core.Users;

namespace RamConsole.Tests.Shared;

/// <summary>
/// The real web host on its own temp SQLite database with a known root password. Linked into the Web and E2E test
/// projects; E2E calls <c>UseKestrel</c> on it to serve a real port for Chromium.
/// </summary>
public class RamConsoleFactory : WebApplicationFactory<Program>
{
    public const string RootPassword = "E2e-Root-Passw0rd!";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ramconsole-web-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;

    public RamConsoleFactory(IDictionary<string, string?>? settings = null)
    {
        Directory.CreateDirectory(_directory);
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Ram"] = $"Data Source={Path.Combine(_directory, "ram.db")}",
            ["Bootstrap:RootPassword"] = RootPassword,
            ["Bootstrap:AccountAlias"] = "e2e-account",
            ["Logs:Directory"] = Path.Combine(_directory, "logs"),
            ["CredentialReport:Directory"] = Path.Combine(_directory, "reports"),
            ["Demo:Seed"] = "false", // WebApplicationFactory runs as Development, where the demo seed is on by default
        };
        foreach (var (k, v) in ManagedRedisForTests.Settings(_directory)) _settings[k] = v;
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) _settings[k] = v;
    }

    public string DataDirectory => _directory;

    /// <summary>Root acting in the console, for setting a test up through the real use cases.</summary>
    public Caller Root
    {
        get
        {
            var account = Services.GetRequiredService<RamAccount>();
            return new Caller { Type = PrincipalKind.Root, Arn = account.RootArn, Name = "root", DisplayName = "root", Channel = CallChannel.Console };
        }
    }

    /// <summary>A new RAM user with <paramref name="systemPolicy"/> attached and an AccessKey (the host must have started).</summary>
    public async Task<NewAccessKey> UserWithKeyAsync(string userName, string systemPolicy)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CreateUser>().RunAsync(Root, new(userName));
        await scope.ServiceProvider.GetRequiredService<PolicyAttachments>().AttachAsync(Root, "System", systemPolicy, PrincipalKind.User, userName);
        return await scope.ServiceProvider.GetRequiredService<AccessKeyUseCases>().CreateAsync(Root, userName);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        ManagedRedisForTests.StopAll(_directory);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } // best effort
        GC.SuppressFinalize(this);
    }
}
