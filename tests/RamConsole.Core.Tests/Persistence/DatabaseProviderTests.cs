using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using RamConsole.Core.Persistence;
using RamConsole.Core.Tests.Support;

namespace RamConsole.Core.Tests.Persistence;

public sealed class DatabaseProviderTests
{
    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, v.Value))).Build();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=model-check.db")]
    [InlineData(DatabaseProvider.PostgreSQL, "Host=localhost;Database=model_check")]
    public void Each_engine_has_migrations_for_the_whole_model(DatabaseProvider provider, string connectionString)
    {
        // Compares the model with the provider's migration snapshot (no server needed): a model change without a
        // migration for one of the engines fails here.
        var options = new DbContextOptionsBuilder<RamDbContext>();
        RamDatabase.Configure(options, provider, connectionString);
        using var db = new RamDbContext(options.Options);

        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: the model has changes no migration holds");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void The_engine_is_chosen_by_Database_Provider_and_an_unknown_one_stops_the_start()
    {
        Assert.Equal(DatabaseProvider.Sqlite, RamDatabase.ResolveProvider(Config()));
        Assert.Equal(DatabaseProvider.PostgreSQL, RamDatabase.ResolveProvider(Config(("Database:Provider", "postgresql"))));
        var error = Assert.Throws<InvalidOperationException>(() => RamDatabase.ResolveProvider(Config(("Database:Provider", "MySql"))));
        Assert.Contains("MySql", error.Message);
    }

    [Fact]
    public void PostgreSQL_without_a_connection_string_stops_the_start_instead_of_falling_back_to_a_file()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            RamDatabase.ResolveConnectionString(Config(("Database:Provider", "PostgreSQL")), Path.GetTempPath()));
        Assert.Contains("ConnectionStrings:Ram", error.Message);
    }

    [Fact]
    public async Task A_started_host_has_every_migration_of_its_engine_applied()
    {
        await using var host = await CoreHost.StartAsync();
        await using var db = host.NewDb();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(host.Provider == DatabaseProvider.PostgreSQL, db.Database.IsNpgsql());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }
}
