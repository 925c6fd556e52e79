using BackOffice.Core.Data;
﻿using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Partners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PartnerId",
                table: "customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PartnerId",
                table: "api_keys",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("01930000-0000-7000-8000-000000000001"));

            migrationBuilder.CreateTable(
                name: "partners",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_partners", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "partners",
                columns: new[] { "Id", "CreatedAt", "CreatedByName", "Name", "NameKey" },
                values: new object[] { new Guid("01930000-0000-7000-8000-000000000001"), new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Migration", "Default partner", "default partner" });

            migrationBuilder.CreateIndex(
                name: "IX_customers_PartnerId_CreatedAt_Id",
                table: "customers",
                columns: new[] { "PartnerId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_PartnerId",
                table: "api_keys",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_partners_NameKey",
                table: "partners",
                column: "NameKey",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_api_keys_partners_PartnerId",
                table: "api_keys",
                column: "PartnerId",
                principalTable: "partners",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_customers_partners_PartnerId",
                table: "customers",
                column: "PartnerId",
                principalTable: "partners",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
            migrationBuilder.AssignApiCustomersToDefaultPartner();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_api_keys_partners_PartnerId",
                table: "api_keys");

            migrationBuilder.DropForeignKey(
                name: "FK_customers_partners_PartnerId",
                table: "customers");

            migrationBuilder.DropTable(
                name: "partners");

            migrationBuilder.DropIndex(
                name: "IX_customers_PartnerId_CreatedAt_Id",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_api_keys_PartnerId",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "PartnerId",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "PartnerId",
                table: "api_keys");
        }
    }
}
