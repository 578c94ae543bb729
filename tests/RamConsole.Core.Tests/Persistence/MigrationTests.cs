using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using RamConsole.Core.Persistence;
using RamConsole.Core.Tests.Support;

namespace RamConsole.Core.Tests.Persistence;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_file_and_leave_nothing_pending()
    {
        await using var host = new CoreHost();
        Assert.False(File.Exists(host.DatabasePath));

        await RamDatabase.MigrateAsync(host.Services);

        await using var db = host.NewDb();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await db.AuditEvents.CountAsync());
        Assert.Equal(0, await db.Accounts.CountAsync());
    }

    [Fact]
    public async Task Upgrading_renumbers_attachment_holders_to_the_one_principal_kind_without_a_unique_index_clash()
    {
        await using var host = new CoreHost();
        await using (var db = host.NewDb())
        {
            var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
            await migrator.MigrateAsync("20261128031814_SessionPasswordConfirmation");
            // Old numbering: User 0, Group 1, Role 2 — a group and a role with the same id hold the same policy.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO PolicyAttachments (PolicyType, PolicyName, PrincipalType, PrincipalId, AttachedAt) VALUES
                ('System', 'AdministratorAccess', 0, 'user-id', 0),
                ('System', 'AdministratorAccess', 1, '3', 0),
                ('System', 'AdministratorAccess', 2, '3', 0);
                """);
            await migrator.MigrateAsync();
        }

        await using var upgraded = host.NewDb();
        var kinds = await upgraded.PolicyAttachments.OrderBy(a => a.PrincipalType).Select(a => new { a.PrincipalType, a.PrincipalId }).ToListAsync();
        Assert.Equal([(PrincipalKind.User, "user-id"), (PrincipalKind.Group, "3"), (PrincipalKind.Role, "3")], kinds.Select(k => (k.PrincipalType, k.PrincipalId)));
    }

    [Fact]
    public async Task The_database_runs_in_WAL_mode_with_a_busy_timeout()
    {
        await using var host = new CoreHost();
        await RamDatabase.MigrateAsync(host.Services);

        await using var db = host.NewDb();
        await db.Database.OpenConnectionAsync(); // through EF, as the app opens connections (so the interceptor runs)
        var connection = db.Database.GetDbConnection();
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        Assert.Equal(RamDatabase.DefaultBusyTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await ScalarAsync(connection, "PRAGMA busy_timeout;"));
        Assert.Equal("1", await ScalarAsync(connection, "PRAGMA foreign_keys;"));
    }

    [Fact]
    public void Without_a_configured_connection_string_the_database_lives_under_data_next_to_the_app()
    {
        var appDirectory = Path.Combine(Path.GetTempPath(), "ramconsole-tests", Guid.NewGuid().ToString("N"));
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();

        var connectionString = RamDatabase.ResolveConnectionString(configuration, appDirectory);

        Assert.Equal(Path.Combine(appDirectory, "data", "ramconsole.db"), new SqliteConnectionStringBuilder(connectionString).DataSource);
        Assert.True(Directory.Exists(Path.Combine(appDirectory, "data")));
        Directory.Delete(appDirectory, recursive: true);
    }

    private static async Task<string?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
