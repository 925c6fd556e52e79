using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BackOffice.Core.Data;

/// <summary>
/// Writes the rows of many new entities of one type on SQLite with a single prepared INSERT, reused for each row,
/// instead of <c>SaveChanges</c>, which prepares one statement per row and tracks every entity (together most of a
/// group commit's time). Columns and values come from the EF model and its type mappings, so the rows are exactly what
/// <c>SaveChanges</c> would write. Database-generated keys are not read back.
/// </summary>
internal static class SqliteRowWriter
{
    /// <summary>Inserts <paramref name="rows"/>, which the context does not track, in their order.</summary>
    public static async Task WriteAsync<T>(BackOfficeDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var (table, columns, insert) = Statements.GetValue(db.Model.FindEntityType(typeof(T))!, InsertFor);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = insert;
        // One parameter per column, made (and configured by its type mapping) once; each row only sets the values.
        var parameters = columns.Select(c => c.Mapping.CreateParameter(command, c.Parameter, null, c.Property.IsNullable)).ToArray();
        command.Parameters.AddRange(parameters);
        try
        {
            foreach (var row in rows)
            {
                for (var i = 0; i < columns.Count; i++)
                    parameters[i].Value = ProviderValue(columns[i].Mapping, columns[i].Getter.GetClrValueUsingContainingEntity(row));
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        catch (SqliteException e)
        {
            // The services recognise constraint violations as EF Core reports them.
            throw new DbUpdateException($"Inserting into {table} failed.", e);
        }
    }

    /// <summary>What <see cref="RelationalTypeMapping.CreateParameter"/> would put in the parameter for <paramref name="value"/>.</summary>
    private static object ProviderValue(RelationalTypeMapping mapping, object? value) =>
        value is null ? DBNull.Value : (mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;

    /// <summary>Each entity type's INSERT, worked out from the model once (per model: the tests build several).</summary>
    private static readonly ConditionalWeakTable<IEntityType, Insert> Statements = new();

    private sealed record Insert(string Table, IReadOnlyList<(IProperty Property, IClrPropertyGetter Getter, RelationalTypeMapping Mapping, string Parameter)> Columns, string Sql);

    private static Insert InsertFor(IEntityType entityType)
    {
        var table = entityType.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        // Scalars and the complex property's scalars (the billing address), except keys the database generates and
        // computed columns (the database fills them, as SaveChanges leaves them to it).
        var columns = entityType.GetFlattenedProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never) && p.GetComputedColumnSql() is null)
            .Select(p => (Property: p, Column: p.GetColumnName(store)!, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .ToList();
        // Columns SaveChanges would leave to the database, or read from no CLR property: written here, they would differ.
        var unsupported = columns.FirstOrDefault(c => c.Property.IsShadowProperty() || c.Property.ValueGenerated != ValueGenerated.Never
            || c.Property.GetDefaultValueSql() is not null || c.Property.TryGetDefaultValue(out _)).Property;
        if (unsupported is not null)
            throw new NotSupportedException($"{entityType.DisplayName()}.{unsupported.Name} is generated, has a default or has no CLR property; write {entityType.DisplayName()} with SaveChanges.");
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) " +
                  $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        return new Insert(table, columns.Select((c, i) => (c.Property, c.Property.GetGetter(), c.Mapping, $"$p{i}")).ToList(), sql);
    }
}
