using System.Data.Common;
using BackOffice.Core.Customers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackOffice.Core.Data;

/// <summary>
/// The one place that chooses and configures the database provider. Everything else talks to
/// <see cref="BackOfficeDbContext"/> through <see cref="IDbContextFactory{TContext}"/>.
/// </summary>
public static class DatabaseSetup
{
    public const string ConnectionStringName = "BackOffice";
    public const string DefaultConnectionString = "Data Source=data/backoffice.db";

    /// <summary>The assembly that holds the PostgreSQL migrations (the SQLite ones are in this assembly).</summary>
    public const string PostgreSqlMigrationsAssembly = "BackOffice.Migrations.PostgreSql";

    public static IServiceCollection AddBackOfficeDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = ResolveSqlitePath(configured ?? DefaultConnectionString, contentRoot);
            AddPooledContexts(services, options => options
                // A list in a query (`emails.Contains(c.Email)`) as one JSON parameter: the SQL is then the same for every
                // list, so EF Core caches it; as one parameter per item it generated the SQL again on every run.
                .UseSqlite(connectionString, sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .AddInterceptors(new SqliteConnectionPragmas()));
        }
        else if (IsPostgreSql(configuration))
        {
            if (string.IsNullOrWhiteSpace(configured))
                throw new InvalidOperationException($"Database:Provider is PostgreSql, so set ConnectionStrings:{ConnectionStringName} (e.g. \"Host=db;Database=backoffice;Username=backoffice;Password=...\").");
            AddPooledContexts(services, options => options.UseNpgsql(configured, PostgreSqlOptions));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use Sqlite (the default) or PostgreSql.");
        }
        return services;
    }

    /// <summary>
    /// The factory (for services and components) hands out contexts from a pool: a context is set up once and reused, not
    /// built again for every short-lived use (an API call takes several). The scoped context (for ASP.NET Core Identity)
    /// comes from the same pool.
    /// </summary>
    private static void AddPooledContexts(IServiceCollection services, Action<DbContextOptionsBuilder> configure)
    {
        services.AddPooledDbContextFactory<BackOfficeDbContext>(configure);
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<BackOfficeDbContext>>().CreateDbContext());
    }

    public static bool IsPostgreSql(IConfiguration configuration) =>
        string.Equals(configuration["Database:Provider"], "PostgreSql", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// How pages learn of customer changes: in process for one instance on SQLite; on PostgreSQL through LISTEN/NOTIFY,
    /// so that several instances on one database see each other's changes.
    /// </summary>
    public static IServiceCollection AddCustomerChanges(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(s => s.ServiceType == typeof(ICustomerChanges))) return services; // a test brought its own
        if (!IsPostgreSql(configuration))
            return services.AddSingleton<ICustomerChanges, InProcessCustomerChanges>();
        services.AddSingleton(provider => new PostgresCustomerChanges(
            configuration.GetConnectionString(ConnectionStringName)!, provider.GetRequiredService<ILogger<PostgresCustomerChanges>>()));
        services.AddSingleton<ICustomerChanges>(provider => provider.GetRequiredService<PostgresCustomerChanges>());
        return services.AddHostedService(provider => provider.GetRequiredService<PostgresCustomerChanges>());
    }

    /// <summary>Npgsql settings shared by the app and the design-time factory of the PostgreSQL migrations.</summary>
    public static void PostgreSqlOptions(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly);

    /// <summary>Applies pending migrations at start-up (never EnsureCreated); on SQLite with WAL switched on first.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<BackOfficeDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers carry on while one writer writes; the setting is stored in the file.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync(ct);
    }

    /// <summary>A relative SQLite path is taken from the content root, and its folder is created if missing.</summary>
    public static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } path && path != ":memory:" && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            var full = Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(contentRoot, path));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            builder.DataSource = full;
        }
        return builder.ToString();
    }

    /// <summary>
    /// Per-connection settings: wait for the writer instead of failing at once; synchronous=FULL so that a commit (and
    /// so a 201) survives a power cut, not only a process crash. Creates are group-committed, so the sync is shared.
    /// Set once per SQLite connection: Microsoft.Data.Sqlite pools them, and a pooled one keeps its settings.
    /// </summary>
    private sealed class SqliteConnectionPragmas : DbConnectionInterceptor
    {
        private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> configured = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (AlreadySet(connection)) return;
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            MarkSet(connection);
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (AlreadySet(connection)) return;
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            MarkSet(connection);
        }

        /// <summary>True if this SQLite connection (the handle a pooled connection is reopened with) was set up before.</summary>
        private bool AlreadySet(DbConnection connection) =>
            ((SqliteConnection)connection).Handle is { } handle && configured.TryGetValue(handle, out _);

        private void MarkSet(DbConnection connection)
        {
            if (((SqliteConnection)connection).Handle is { } handle) configured.AddOrUpdate(handle, Pragmas);
        }
    }
}
