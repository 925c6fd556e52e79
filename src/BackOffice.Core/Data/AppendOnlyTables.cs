using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BackOffice.Core.Data;

/// <summary>
/// Hand-written SQL that the migrations call: audit tables refuse updates and deletes in the database itself, below EF
/// Core (which refuses them too, in <see cref="BackOfficeDbContext"/>). One helper for both engines, so that each
/// engine's migration says the same thing in one line.
/// </summary>
public static class AppendOnlyTables
{
    /// <summary>Makes each table append-only: UPDATE, DELETE (and on PostgreSQL TRUNCATE) raise an error.</summary>
    public static void MakeAppendOnly(this MigrationBuilder migration, params string[] tables)
    {
        if (migration.IsNpgsql())
        {
            migration.Sql("""
                CREATE OR REPLACE FUNCTION refuse_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
                END;
                $$;
                """);
            foreach (var table in tables)
            {
                migration.Sql($"""
                    CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
                        FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
                    CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
                        FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();
                    """);
            }
            return;
        }
        foreach (var table in tables)
        {
            migration.Sql($"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;");
            migration.Sql($"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;");
        }
    }
}
