using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DataExportAuditEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Event",
                table: "data_export_audit",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "ExportId",
                table: "data_export_audit",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateIndex(
                name: "IX_data_export_audit_ExportId",
                table: "data_export_audit",
                column: "ExportId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_data_export_audit_ExportId",
                table: "data_export_audit");

            migrationBuilder.DropColumn(
                name: "Event",
                table: "data_export_audit");

            migrationBuilder.DropColumn(
                name: "ExportId",
                table: "data_export_audit");
        }
    }
}
