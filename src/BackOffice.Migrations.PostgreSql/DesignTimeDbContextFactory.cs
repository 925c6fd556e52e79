using BackOffice.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BackOffice.Migrations.PostgreSql;

/// <summary>
/// Lets `dotnet ef migrations add &lt;Name&gt; --project src/BackOffice.Migrations.PostgreSql` build the PostgreSQL model
/// without a server: adding a migration never connects.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<BackOfficeDbContext>
{
    public BackOfficeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BackOfficeDbContext>()
            .UseNpgsql("Host=localhost;Database=backoffice_design_time", DatabaseSetup.PostgreSqlOptions)
            .Options);
}
