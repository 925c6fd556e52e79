using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Core.Data.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ScreeningStatus",
                table: "customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "sanctions_lists",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EntryCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ActivatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Warnings = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LastRefreshAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LastErrorAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HeldVersion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    HeldPublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HeldEntryCount = table.Column<int>(type: "INTEGER", nullable: true),
                    HeldAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HeldContent = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sanctions_lists", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "screening_hits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ListName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ListVersion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EntryId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EntryFingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MatchedName = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    WeakAlias = table.Column<bool>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    EntryJson = table.Column<string>(type: "TEXT", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ResolvedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ListVersions = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    OnlyNotScreened = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Total = table.Column<long>(type: "INTEGER", nullable: false),
                    Done = table.Column<long>(type: "INTEGER", nullable: false),
                    PotentialMatches = table.Column<long>(type: "INTEGER", nullable: false),
                    AfterCustomerId = table.Column<Guid>(type: "TEXT", nullable: true)
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
