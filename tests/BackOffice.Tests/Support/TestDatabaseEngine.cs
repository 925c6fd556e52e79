using Npgsql;

namespace BackOffice.Tests.Support;

/// <summary>
/// Where a test's database lives. By default a SQLite file in the test's temp folder. When BACKOFFICE_TEST_POSTGRES
/// names a PostgreSQL server (test.sh starts a throwaway one and runs the suite a second time), a fresh database on
/// it named after the folder, created by the migrations and dropped afterwards.
/// </summary>
public static class TestDatabaseEngine
{
    private static readonly string? PostgresServer = Environment.GetEnvironmentVariable("BACKOFFICE_TEST_POSTGRES");

    public static bool IsPostgreSql => !string.IsNullOrWhiteSpace(PostgresServer);

    /// <summary>The configuration that points the app at the database for <paramref name="folder"/>.</summary>
    public static Dictionary<string, string?> Settings(string folder) => IsPostgreSql
        ? new()
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:BackOffice"] = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = DatabaseName(folder) }.ConnectionString,
        }
        : new() { ["ConnectionStrings:BackOffice"] = $"Data Source={Path.Combine(folder, "backoffice.db")}" };

    /// <summary>Deletes the folder and, on PostgreSQL, drops the folder's database.</summary>
    public static void Delete(string folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (IsPostgreSql)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres" }.ConnectionString);
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{DatabaseName(folder)}\" WITH (FORCE)";
            drop.ExecuteNonQuery();
        }
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string DatabaseName(string folder) => "bo_test_" + Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar));
}
