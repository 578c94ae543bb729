using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RamConsole.Core.Persistence;

/// <summary>Where the database lives and how it is opened and migrated.</summary>
public static class RamDatabase
{
    public const string ConnectionStringName = "Ram";
    public const int DefaultBusyTimeoutMs = 5000;

    /// <summary>
    /// The configured connection string, or a SQLite file under <c>data/</c> next to the app when none is set.
    /// The directory of a file database is created so that a fresh checkout starts without setup.
    /// </summary>
    public static string ResolveConnectionString(IConfiguration configuration, string appDirectory)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={Path.Combine(appDirectory, "data", "ramconsole.db")}"
            : configured);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        }
        return builder.ToString();
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString, int busyTimeoutMs = DefaultBusyTimeoutMs) =>
        options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas(busyTimeoutMs))
            // SQLite rebuilds a table to change a column (AuditSearchAndRetention does, once, on a new database) with
            // foreign keys switched off outside the transaction; EF warns about that on every first start, which only
            // alarms a newcomer. Logged at Debug instead.
            .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug)));

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<RamDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
