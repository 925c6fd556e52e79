using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchByPeriod : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_customers_CreatedMonth_Email_CreatedAt_Id",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_CreatedMonth_FirstNameKey_CreatedAt_Id",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_CreatedMonth_LastNameKey_CreatedAt_Id",
                table: "customers");

            // SQLite drops a column in place; EF Core's DropColumn would rebuild the table, without the column defaults
            // that earlier migrations gave it (ScreeningStatus's 0).
            migrationBuilder.Sql("ALTER TABLE \"customers\" DROP COLUMN \"CreatedMonth\";");

            migrationBuilder.AddColumn<string>(
                name: "CreatedPeriod",
                table: "customers",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "substr(\"CreatedAt\", 1, 9)",
                stored: false);

            migrationBuilder.CreateIndex(
                name: "IX_customers_CreatedPeriod_Email",
                table: "customers",
                columns: new[] { "CreatedPeriod", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_customers_CreatedPeriod_FirstNameKey",
                table: "customers",
                columns: new[] { "CreatedPeriod", "FirstNameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_customers_CreatedPeriod_LastNameKey",
                table: "customers",
                columns: new[] { "CreatedPeriod", "LastNameKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_customers_CreatedPeriod_Email",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_CreatedPeriod_FirstNameKey",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_CreatedPeriod_LastNameKey",
                table: "customers");

            // SQLite drops a column in place; EF Core's DropColumn would rebuild the table, without the column defaults
            // that earlier migrations gave it (ScreeningStatus's 0).
            migrationBuilder.Sql("ALTER TABLE \"customers\" DROP COLUMN \"CreatedPeriod\";");

            migrationBuilder.AddColumn<string>(
                name: "CreatedMonth",
                table: "customers",
                type: "TEXT",
                nullable: true,
                computedColumnSql: "substr(\"CreatedAt\", 1, 7)",
                stored: false);

            migrationBuilder.CreateIndex(
                name: "IX_customers_CreatedMonth_Email_CreatedAt_Id",
                table: "customers",
                columns: new[] { "CreatedMonth", "Email", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_customers_CreatedMonth_FirstNameKey_CreatedAt_Id",
                table: "customers",
                columns: new[] { "CreatedMonth", "FirstNameKey", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_customers_CreatedMonth_LastNameKey_CreatedAt_Id",
                table: "customers",
                columns: new[] { "CreatedMonth", "LastNameKey", "CreatedAt", "Id" });
        }
    }
}
