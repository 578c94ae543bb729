using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RamConsole.Core.Persistence;

namespace RamConsole.Tests.Shared;

/// <summary>
/// A PostgreSQL server for tests, and a fresh, migrated database per test. <c>RAMCONSOLE_TEST_POSTGRES</c> names a
/// server the tests may create databases on (<c>.ci/run</c> starts one with <c>.ci/postgres-up</c>); unset, the first
/// test starts a throw-away cluster of its own under /tmp on a free port (as the <c>postgres</c> user when running as
/// root, which PostgreSQL refuses to be) and stops it when the test process exits. A machine without PostgreSQL fails
/// these tests — they never skip.
/// </summary>
public static class PostgresForTests
{
    public const string Variable = "RAMCONSOLE_TEST_POSTGRES";

    private static readonly Lazy<string> Server = new(() => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : StartCluster());
    private static readonly SemaphoreSlim Creating = new(1, 1);
    private static string? _template;

    /// <summary>A connection string to the server itself (its <c>postgres</c> database), for creating and dropping databases.</summary>
    public static string AdminConnectionString => Server.Value;

    /// <summary>
    /// A new database holding the current schema (copied from a template migrated once per test process, which takes
    /// milliseconds instead of the seconds a migration does), or an empty one.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(bool migrated = true)
    {
        var name = "ram_" + Guid.NewGuid().ToString("N");
        await Creating.WaitAsync();
        try
        {
            var template = migrated ? await TemplateAsync() : "template0";
            await ExecuteAsync(AdminConnectionString, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            Creating.Release();
        }
        return For(name);
    }

    public static string CreateDatabase(bool migrated = true) => CreateDatabaseAsync(migrated).GetAwaiter().GetResult();

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, ending any connection still open on it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(AdminConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static string For(string database) => new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ToString();

    private static async Task<string> TemplateAsync()
    {
        if (_template is not null) return _template;
        var name = "ram_template_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(AdminConnectionString, $"CREATE DATABASE \"{name}\" TEMPLATE template0");
        var options = new DbContextOptionsBuilder<RamDbContext>();
        RamDatabase.Configure(options, DatabaseProvider.PostgreSQL, For(name));
        await using (var db = new RamDbContext(options.Options)) await db.Database.MigrateAsync();
        NpgsqlConnection.ClearAllPools(); // a template must have no connections when it is copied
        return _template = name;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string StartCluster()
    {
        var bin = FindBin() ?? throw new InvalidOperationException(
            $"PostgreSQL is needed for these tests: install it (apt-get install postgresql) or set {Variable} to a server's connection string.");
        var directory = Path.Combine("/tmp", "ramconsole-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var asPostgres = Environment.UserName == "root";
        if (asPostgres) Run("chown", "postgres:postgres", directory);
        var port = FreePort();
        RunAs(asPostgres, Path.Combine(bin, "initdb"), "-D", Path.Combine(directory, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        RunAs(asPostgres, Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(directory, "data"), "-l", Path.Combine(directory, "log"), "-w", "start", "-o",
            $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAs(asPostgres, Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(directory, "data"), "-m", "immediate", "stop");
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception) { } // best effort: it is under /tmp
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=20";
    }

    private static string? FindBin()
    {
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var newest = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault();
            if (newest is not null) return newest;
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")));
    }

    private static void RunAs(bool asPostgres, string file, params string[] args) =>
        Run(asPostgres ? "runuser" : file, asPostgres ? ["-u", "postgres", "--", file, .. args] : args);

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {error}{output.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
