using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RamConsole.Core;
using RamConsole.Core.Account;
using RamConsole.Core.Authorization;
using RamConsole.Core.Persistence;
using RamConsole.Core.Users;

namespace RamConsole.Core.Tests.Support;

/// <summary>
/// Core's real services on a real database with a fake clock; each test gets its own database. This project runs on
/// a SQLite file in a temp folder; RamConsole.Core.Tests.PostgreSQL compiles the same tests with POSTGRES defined and
/// runs them on a fresh PostgreSQL database each (<see cref="RamConsole.Tests.Shared.PostgresForTests"/>).
/// </summary>
public sealed class CoreHost : IAsyncDisposable
{
    public const string RootPassword = "Root-Passw0rd-For-Tests";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ramconsole-tests", Guid.NewGuid().ToString("N"));

    public CoreHost(IDictionary<string, string?>? settings = null)
    {
        Directory.CreateDirectory(_directory);
        DatabasePath = Path.Combine(_directory, "ram.db");
#if POSTGRES
        Provider = DatabaseProvider.PostgreSQL;
        ConnectionString = settings?.TryGetValue("ConnectionStrings:Ram", out var shared) == true && shared is not null
            ? shared
            : _ownDatabase = RamConsole.Tests.Shared.PostgresForTests.CreateDatabase();
#else
        Provider = DatabaseProvider.Sqlite;
        ConnectionString = $"Data Source={DatabasePath}";
#endif
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["ConnectionStrings:Ram"] = ConnectionString,
            ["Bootstrap:RootPassword"] = RootPassword,
            ["Bootstrap:AccountAlias"] = "test-account",
        };
        foreach (var (k, v) in RamConsole.Tests.Shared.ManagedRedisForTests.Settings(_directory)) values[k] = v;
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Time);
        services.AddRamCore(Configuration, _directory);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>The SQLite file (SQLite only: tests that read the file itself).</summary>
    public string DatabasePath { get; }
    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    // The PostgreSQL database this host created (dropped when it is disposed); null when it shares another host's.
#pragma warning disable CS0649 // assigned only when compiled for PostgreSQL
    private readonly string? _ownDatabase;
#pragma warning restore CS0649

    /// <summary>Settings that open this host's database: for a second host on it (a restart, another node).</summary>
    public Dictionary<string, string?> DatabaseSettings => new()
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Ram"] = ConnectionString,
    };

    /// <summary>
    /// Everything the database stores, as text, bypassing EF: SQLite's file and write-ahead log; on PostgreSQL every
    /// row of every table. For asserting that a secret is nowhere in clear.
    /// </summary>
    public async Task<string> StoredTextAsync()
    {
#if POSTGRES
        await using var db = NewDb();
        var tables = await db.Database.SqlQueryRaw<string>(
            "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'").ToListAsync();
        var text = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            // The table names come from the catalogue, not from input.
#pragma warning disable EF1002
            text.AppendJoin('\n', await db.Database.SqlQueryRaw<string>($"SELECT t::text AS \"Value\" FROM \"{table}\" t").ToListAsync());
#pragma warning restore EF1002
        }
        return text.ToString();
#else
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = await File.ReadAllBytesAsync(DatabasePath);
        var wal = File.Exists(DatabasePath + "-wal") ? await File.ReadAllBytesAsync(DatabasePath + "-wal") : [];
        return System.Text.Encoding.Latin1.GetString([.. bytes, .. wal]);
#endif
    }
    public IConfiguration Configuration { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    public ServiceProvider Services { get; }

    /// <summary>Migrates and bootstraps, as the host does on start.</summary>
    public static async Task<CoreHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var host = new CoreHost(settings);
        await RamDatabase.MigrateAsync(host.Services);
        await host.BootstrapAsync();
        return host;
    }

    public async Task<BootstrapResult> BootstrapAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().RunAsync();
    }

    public RamDbContext NewDb() => Services.GetRequiredService<IDbContextFactory<RamDbContext>>().CreateDbContext();

    /// <summary>Runs <paramref name="action"/> with a service from a fresh scope (as one request would).</summary>
    public async Task<T> InScopeAsync<TService, T>(Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>A console user who has just signed in with password and app code: the user and their new session.</summary>
    public async Task<(RamUser User, Core.Sessions.ConsoleSession Session)> SignedInAsync(string userName, string password)
    {
        var user = await AddConsoleUserAsync(userName, password);
        var session = await Use<Core.SignIn.ConsoleSignInCompletion>().CompleteAsync(user.Id, ["pwd", "otp"], "10.0.0.1", "Chrome/1");
        return (user, session);
    }

    /// <summary>Creates a console-enabled RAM user directly (identity management will do this through use cases).</summary>
    public async Task<RamUser> AddConsoleUserAsync(string userName, string password)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RamUser>>();
        var user = new RamUser { UserName = userName, ConsoleLoginEnabled = true, LockoutEnabled = true, CreatedAt = Time.GetUtcNow() };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>Root, acting from the console.</summary>
    public Caller Root => new()
    {
        Type = PrincipalKind.Root, Arn = Arns.Root(AccountId), Name = RamUser.RootUserName, DisplayName = "root",
        Channel = CallChannel.Console, SourceIp = "198.51.100.1",
    };

    /// <summary>A RAM user, acting from the console (or the API with <paramref name="channel"/>).</summary>
    public Caller As(string userName, bool mfa = false, CallChannel channel = CallChannel.Console) => new()
    {
        Type = PrincipalKind.User, Arn = Arns.User(AccountId, userName), Name = userName, DisplayName = userName,
        Channel = channel, SourceIp = "198.51.100.2", MfaPresent = mfa,
    };

    public string AccountId => Services.GetRequiredService<RamAccount>().AccountId;

    /// <summary>A use case from a fresh scope, as a request would get it.</summary>
    public T Use<T>() where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    /// <summary>The folder this host keeps its database and managed Redis instances in.</summary>
    public string Folder => _directory;

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        RamConsole.Tests.Shared.ManagedRedisForTests.StopAll(_directory);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownDatabase is not null) await RamConsole.Tests.Shared.PostgresForTests.DropDatabaseAsync(_ownDatabase);
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } // best effort
    }
}
