using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClaimedReviewsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_customers_ReviewerId_CreatedAt_Id",
                table: "customers");

            migrationBuilder.CreateIndex(
                name: "IX_customers_ReviewerId_CreatedAt_Id",
                table: "customers",
                columns: new[] { "ReviewerId", "CreatedAt", "Id" },
                filter: "\"ReviewerId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_customers_ReviewerId_CreatedAt_Id",
                table: "customers");

            migrationBuilder.CreateIndex(
                name: "IX_customers_ReviewerId_CreatedAt_Id",
                table: "customers",
                columns: new[] { "ReviewerId", "CreatedAt", "Id" });
        }
    }
}
