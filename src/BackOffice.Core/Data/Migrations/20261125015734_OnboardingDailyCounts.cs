using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class OnboardingDailyCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "onboarding_daily_counts",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    created_individual = table.Column<long>(type: "INTEGER", nullable: false),
                    created_business = table.Column<long>(type: "INTEGER", nullable: false),
                    kyc_approved = table.Column<long>(type: "INTEGER", nullable: false),
                    kyc_rejected = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_onboarding_daily_counts", x => x.day);
                });

            // Existing databases: count what is already there, once. From now on the services keep the counts.
            migrationBuilder.Sql("""
                INSERT INTO onboarding_daily_counts (day, created_individual, created_business, kyc_approved, kyc_rejected)
                SELECT day, SUM(individual), SUM(business), SUM(approved), SUM(rejected) FROM (
                    SELECT date(CreatedAt) AS day, Type = 0 AS individual, Type = 1 AS business, 0 AS approved, 0 AS rejected FROM customers
                    UNION ALL
                    SELECT date(At), 0, 0, Action = 'kyc_approved', Action = 'kyc_rejected' FROM customer_audit
                    WHERE Action IN ('kyc_approved', 'kyc_rejected'))
                GROUP BY day;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "onboarding_daily_counts");
        }
    }
}
