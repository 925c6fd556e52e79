using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Screening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ScreenedAt",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ScreeningStatus",
                table: "customers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "sanctions_lists",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Format = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Version = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EntryCount = table.Column<int>(type: "integer", nullable: false),
                    ActivatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Content = table.Column<byte[]>(type: "bytea", nullable: true),
                    Warnings = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LastRefreshAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LastErrorAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HeldVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    HeldPublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HeldEntryCount = table.Column<int>(type: "integer", nullable: true),
                    HeldAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HeldContent = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sanctions_lists", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "screening_hits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ListName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ListVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EntryId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EntryFingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MatchedName = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    WeakAlias = table.Column<bool>(type: "boolean", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    EntryJson = table.Column<string>(type: "text", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ResolvedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_screening_hits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_screening_hits_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "screening_jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ListVersions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    OnlyNotScreened = table.Column<bool>(type: "boolean", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Total = table.Column<long>(type: "bigint", nullable: false),
                    Done = table.Column<long>(type: "bigint", nullable: false),
                    PotentialMatches = table.Column<long>(type: "bigint", nullable: false),
                    AfterCustomerId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_screening_jobs", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_customers_ScreeningStatus_CreatedAt_Id",
                table: "customers",
                columns: new[] { "ScreeningStatus", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_screening_hits_CustomerId_ListName_EntryId",
                table: "screening_hits",
                columns: new[] { "CustomerId", "ListName", "EntryId" });

            migrationBuilder.CreateIndex(
                name: "IX_screening_hits_Status_RaisedAt",
                table: "screening_hits",
                columns: new[] { "Status", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_screening_jobs_CompletedAt",
                table: "screening_jobs",
                column: "CompletedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sanctions_lists");

            migrationBuilder.DropTable(
                name: "screening_hits");

            migrationBuilder.DropTable(
                name: "screening_jobs");

            migrationBuilder.DropIndex(
                name: "IX_customers_ScreeningStatus_CreatedAt_Id",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "ScreenedAt",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "ScreeningStatus",
                table: "customers");
        }
    }
}
