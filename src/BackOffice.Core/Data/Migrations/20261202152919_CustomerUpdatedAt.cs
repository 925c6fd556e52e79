using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class CustomerUpdatedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "customers",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Customers made before this column: updated when their last change was audited (review claims, wallets and
            // document views and downloads change no customer), or else when they were created.
            migrationBuilder.Sql("""
                UPDATE "customers" SET "UpdatedAt" = COALESCE(
                    (SELECT MAX(a."At") FROM "customer_audit" a WHERE a."CustomerId" = "customers"."Id"
                        AND a."Action" NOT IN ('wallet_created', 'document_viewed', 'document_downloaded', 'review_claimed', 'review_released', 'review_taken_over')),
                    "CreatedAt");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // SQLite drops a column in place; EF Core's DropColumn would rebuild the table, without the column defaults
            // that earlier migrations gave it (ScreeningStatus's 0).
            migrationBuilder.Sql("ALTER TABLE \"customers\" DROP COLUMN \"UpdatedAt\";");
        }
    }
}
