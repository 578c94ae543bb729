using System.Data.Common;
using Microsoft.EntityFrameworkCore.Metadata;
using RamConsole.Core.Persistence;

namespace RamConsole.Core.Audit;

/// <summary>
/// Inserts a batch of audit events in one transaction with one prepared INSERT, synced to disk at commit
/// (SQLite: synchronous=FULL; PostgreSQL: its default synchronous_commit — an acknowledged event survives power loss,
/// not only a crash). Change tracking would cost more
/// than the insert at thousands of events a second, so the statement is built from EF's model instead — table,
/// columns and value converters (e.g. instants as Unix milliseconds) stay exactly what migrations and queries use.
/// </summary>
internal sealed class AuditBatchWriter
{
    private readonly (IProperty Property, Func<AuditEvent, object?> Read)[] _columns;
    private readonly string _insert;

    public AuditBatchWriter(IModel model)
    {
        var entity = model.FindEntityType(typeof(AuditEvent))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        _columns = [.. entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).Select(p => (p, Reader(p)))];
        var names = _columns.Select(c => $"\"{c.Property.GetColumnName(table)}\"").ToList();
        _insert = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", names)}) VALUES ({string.Join(", ", names.Select((_, i) => $"@p{i}"))})";
    }

    /// <summary>Synchronous on purpose: it runs on the audit writer's own thread (SQLite's I/O blocks anyway).</summary>
    public void Write(RamDbContext db, IReadOnlyList<AuditEvent> events)
    {
        db.Database.OpenConnection();
        var connection = db.Database.GetDbConnection();
        if (db.Database.IsSqlite())
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous=FULL"; // this connection only; pooled connections get NORMAL back on open
            pragma.ExecuteNonQuery();
        } // PostgreSQL's commits are durable by default (synchronous_commit=on)
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = _insert;
        var parameters = _columns.Select((_, i) => AddParameter(insert, $"@p{i}")).ToArray();
        foreach (var e in events)
        {
            for (var i = 0; i < _columns.Length; i++) parameters[i].Value = _columns[i].Read(e) ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static DbParameter AddParameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>The property's value as stored: through its value converter when it has one, enums as numbers.</summary>
    private static Func<AuditEvent, object?> Reader(IProperty property)
    {
        var getter = property.GetGetter();
        var converter = property.GetTypeMapping().Converter;
        if (converter is not null) return e => getter.GetClrValue(e) is { } v ? converter.ConvertToProvider(v) : null;
        if (property.ClrType.IsEnum) return e => Convert.ToInt32(getter.GetClrValue(e), System.Globalization.CultureInfo.InvariantCulture);
        return e => getter.GetClrValue(e);
    }
}
