using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reduction.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddDefinitionDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChangedBy",
                table: "workflow_definitions",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FileHash",
                table: "workflow_definitions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "workflow_definitions",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "workflow_definitions",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceName",
                table: "workflow_definitions",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Stamp",
                table: "workflow_definitions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "workflow_shipped_files",
                columns: table => new
                {
                    DefinitionId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    FileHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workflow_shipped_files", x => x.DefinitionId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "workflow_shipped_files");

            migrationBuilder.DropColumn(
                name: "ChangedBy",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "FileHash",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "SourceName",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "Stamp",
                table: "workflow_definitions");
        }
    }
}
