using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BackOffice.Core.Data;

/// <summary>
/// Writes the rows of many new entities of one type on SQLite with a single prepared INSERT, reused for each row,
/// instead of <c>SaveChanges</c>, which prepares one statement per row (most of a bulk import's time). Columns and
/// values come from the EF model and its type mappings, so the rows are exactly what <c>SaveChanges</c> would write.
/// The entries are detached afterwards; their database-generated keys are not read back.
/// </summary>
internal static class SqliteRowWriter
{
    /// <summary>Inserts every Added <typeparamref name="T"/> tracked by <paramref name="db"/>, in the order they were added.</summary>
    public static async Task WriteAddedAsync<T>(BackOfficeDbContext db, CancellationToken ct) where T : class
    {
        // Added entries are Added whatever their values: no need for Entries() to detect changes over the whole batch first.
        var detectChanges = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        List<EntityEntry<T>> added;
        try { added = db.ChangeTracker.Entries<T>().Where(e => e.State == EntityState.Added).ToList(); }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = detectChanges; }
        if (added.Count == 0) return;

        var (table, columns, insert) = Statements.GetValue(db.Model.FindEntityType(typeof(T))!, InsertFor);
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = insert;
        try
        {
            foreach (var entry in added)
            {
                command.Parameters.Clear();
                for (var i = 0; i < columns.Count; i++)
                    command.Parameters.Add(columns[i].Mapping.CreateParameter(command, columns[i].Parameter, ValueOf(entry, columns[i].Property), columns[i].Property.IsNullable));
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        catch (SqliteException e)
        {
            // The services recognise constraint violations as EF Core reports them.
            throw new DbUpdateException($"Inserting into {table} failed.", e);
        }
        foreach (var entry in added) entry.State = EntityState.Detached;
    }

    /// <summary>Each entity type's INSERT, worked out from the model once (per model: the tests build several).</summary>
    private static readonly ConditionalWeakTable<IEntityType, Insert> Statements = new();

    private sealed record Insert(string Table, IReadOnlyList<(IProperty Property, RelationalTypeMapping Mapping, string Parameter)> Columns, string Sql);

    private static Insert InsertFor(IEntityType entityType)
    {
        var table = entityType.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        // Scalars and the complex property's scalars (the billing address), except keys the database generates.
        var columns = entityType.GetFlattenedProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never))
            .Select(p => (Property: p, Column: p.GetColumnName(store)!, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .ToList();
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) " +
                  $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        return new Insert(table, columns.Select((c, i) => (c.Property, c.Mapping, $"$p{i}")).ToList(), sql);
    }

    private static object? ValueOf(EntityEntry entry, IProperty property) =>
        property.DeclaringType is IComplexType complex
            ? entry.ComplexProperty(complex.ComplexProperty).Property(property).CurrentValue
            : entry.Property(property).CurrentValue;
}
