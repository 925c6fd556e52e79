using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DataExportAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_export_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Event = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Filter = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RowCount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_export_audit", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_data_export_audit_At",
                table: "data_export_audit",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_data_export_audit_ExportId",
                table: "data_export_audit",
                column: "ExportId");

            // Append-only, like customer_audit: the database refuses rewrites too.
            migrationBuilder.Sql("CREATE TRIGGER data_export_audit_no_update BEFORE UPDATE ON data_export_audit BEGIN SELECT RAISE(ABORT, 'data_export_audit is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER data_export_audit_no_delete BEFORE DELETE ON data_export_audit BEGIN SELECT RAISE(ABORT, 'data_export_audit is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_export_audit");
        }
    }
}
