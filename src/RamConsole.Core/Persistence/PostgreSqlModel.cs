using Microsoft.EntityFrameworkCore.Metadata;

namespace RamConsole.Core.Persistence;

/// <summary>
/// What the one model needs to mean the same on PostgreSQL as on SQLite. SQLite's NOCASE columns (names that are
/// unique regardless of case, audit columns searched case-insensitively) become <c>citext</c>: equality, unique indexes
/// and LIKE all ignore case there, as NOCASE does — a nondeterministic ICU collation would refuse LIKE on PostgreSQL 15.
/// </summary>
internal static class PostgreSqlModel
{
    public const string CaseInsensitiveCollation = "NOCASE";

    public static void Adapt(ModelBuilder builder)
    {
        builder.HasPostgresExtension("citext");
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetDeclaredProperties()))
        {
            if (property.GetCollation() != CaseInsensitiveCollation) continue;
            property.SetCollation(null);
            property.SetColumnType("citext");
        }
    }
}
