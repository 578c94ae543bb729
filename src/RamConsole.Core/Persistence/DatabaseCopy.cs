using System.Data.Common;
using Microsoft.EntityFrameworkCore.Metadata;

namespace RamConsole.Core.Persistence;

/// <summary>
/// Moves an installation to another engine (the <c>copy-database</c> verb): every row of every table, verbatim — Data
/// Protection keys and encrypted columns included, so AccessKeys, TOTP secrets and unexpired STS tokens keep working.
/// Rules: the source must be fully migrated; the target is migrated with its own engine's migrations and must hold no
/// rows (a copy never merges into live data); the rows go in one transaction, parents before children; identity
/// sequences continue after the copied ids; afterwards each table's row count must match the source's, or the verb fails.
/// </summary>
public static class DatabaseCopy
{
    public sealed record TableCount(string Table, long Source, long Target);

    /// <summary>Copies the configured installation's database (<c>Database:Provider</c>, <c>ConnectionStrings:Ram</c>) to the target.</summary>
    public static Task<IReadOnlyList<TableCount>> CopyAsync(Microsoft.Extensions.Configuration.IConfiguration configuration, string appDirectory,
        DatabaseProvider targetProvider, string targetConnectionString, CancellationToken cancellationToken = default)
    {
        var source = new DbContextOptionsBuilder<RamDbContext>();
        RamDatabase.Configure(source, RamDatabase.ResolveProvider(configuration), RamDatabase.ResolveConnectionString(configuration, appDirectory));
        var target = new DbContextOptionsBuilder<RamDbContext>();
        RamDatabase.Configure(target, targetProvider, targetConnectionString);
        return CopyAsync(source.Options, target.Options, cancellationToken);
    }

    public static async Task<IReadOnlyList<TableCount>> CopyAsync(DbContextOptions<RamDbContext> source, DbContextOptions<RamDbContext> target,
        CancellationToken cancellationToken = default)
    {
        await using var from = new RamDbContext(source);
        await using var to = new RamDbContext(target);
        if ((await from.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            throw new InvalidOperationException("The source database has migrations to apply: run `migrate` on it first.");
        await to.Database.MigrateAsync(cancellationToken);
        var tables = Ordered(to.Model.GetRelationalModel());
        foreach (var table in tables)
        {
            if (await CountAsync(to, table.Name, cancellationToken) > 0)
                throw new InvalidOperationException($"The target database is not empty ({table.Name} has rows): copy-database only fills an empty database.");
        }

        await from.Database.OpenConnectionAsync(cancellationToken);
        await to.Database.OpenConnectionAsync(cancellationToken);
        await using (var transaction = await to.Database.GetDbConnection().BeginTransactionAsync(cancellationToken))
        {
            foreach (var table in tables) await CopyTableAsync(from.Database.GetDbConnection(), transaction, table, cancellationToken);
            if (to.Database.IsNpgsql()) await ContinueSequencesAsync(transaction, tables, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var counts = new List<TableCount>();
        foreach (var table in tables) counts.Add(new(table.Name, await CountAsync(from, table.Name, cancellationToken), await CountAsync(to, table.Name, cancellationToken)));
        var differing = counts.Where(c => c.Source != c.Target).ToList();
        if (differing.Count > 0)
            throw new InvalidOperationException("Row counts differ after the copy: " + string.Join(", ", differing.Select(c => $"{c.Table} {c.Source} → {c.Target}")));
        return counts;
    }

    /// <summary>Tables with the ones they reference first (self-references aside).</summary>
    private static List<ITable> Ordered(IRelationalModel model)
    {
        var ordered = new List<ITable>();
        var visiting = new HashSet<ITable>();
        void Visit(ITable table)
        {
            if (ordered.Contains(table) || !visiting.Add(table)) return;
            foreach (var fk in table.ForeignKeyConstraints.Where(fk => fk.PrincipalTable != table)) Visit(fk.PrincipalTable);
            ordered.Add(table);
        }
        foreach (var table in model.Tables.Where(t => t.Name != "__EFMigrationsHistory").OrderBy(t => t.Name, StringComparer.Ordinal)) Visit(table);
        return ordered;
    }

    private static async Task CopyTableAsync(DbConnection source, DbTransaction target, ITable table, CancellationToken cancellationToken)
    {
        var columns = table.Columns.ToList();
        await using var select = source.CreateCommand();
        select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => Quote(c.Name)))} FROM {Quote(table.Name)}";
        await using var insert = target.Connection!.CreateCommand();
        insert.Transaction = target;
        insert.CommandText = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        var parameters = columns.Select((_, i) =>
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = $"p{i}";
            insert.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < columns.Count; i++) parameters[i].Value = As(reader.GetValue(i), columns[i].ProviderClrType);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>SQLite hands back longs, doubles, strings and blobs; the target wants each column's own type.</summary>
    private static object As(object value, Type type)
    {
        if (value is DBNull) return value;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) type = Enum.GetUnderlyingType(type);
        if (type.IsInstanceOfType(value)) return value;
        if (type == typeof(Guid)) return Guid.Parse(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!);
        if (type == typeof(byte[]) && value is string text) return System.Text.Encoding.UTF8.GetBytes(text);
        return Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ContinueSequencesAsync(DbTransaction transaction, IEnumerable<ITable> tables, CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            foreach (var column in table.Columns.Where(c => c.PropertyMappings.Any(m => m.Property.ValueGenerated == ValueGenerated.OnAdd && m.Property.IsPrimaryKey())
                && c.ProviderClrType is var t && (t == typeof(int) || t == typeof(long))))
            {
                await using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"SELECT setval(pg_get_serial_sequence('{Quote(table.Name)}', '{column.Name}'), COALESCE(MAX({Quote(column.Name)}), 0) + 1, false) FROM {Quote(table.Name)}";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static async Task<long> CountAsync(RamDbContext db, string table, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {Quote(table)}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    // Names come from the model, never from input; double quotes work on both engines.
    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
