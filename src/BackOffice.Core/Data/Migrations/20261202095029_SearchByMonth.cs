using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchByMonth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_customers_FirstNameKey",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_LastNameKey",
                table: "customers");

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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
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

            // In place: EF Core's DropColumn would rebuild the table without its column defaults (ScreeningStatus's 0).
            migrationBuilder.Sql("ALTER TABLE \"customers\" DROP COLUMN \"CreatedMonth\";");

            migrationBuilder.CreateIndex(
                name: "IX_customers_FirstNameKey",
                table: "customers",
                column: "FirstNameKey");

            migrationBuilder.CreateIndex(
                name: "IX_customers_LastNameKey",
                table: "customers",
                column: "LastNameKey");
        }
    }
}
