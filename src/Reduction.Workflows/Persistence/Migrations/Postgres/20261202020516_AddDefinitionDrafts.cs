using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reduction.Workflows.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddDefinitionDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChangedBy",
                schema: "workflows",
                table: "workflow_definitions",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FileHash",
                schema: "workflows",
                table: "workflow_definitions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Note",
                schema: "workflows",
                table: "workflow_definitions",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                schema: "workflows",
                table: "workflow_definitions",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceName",
                schema: "workflows",
                table: "workflow_definitions",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Stamp",
                schema: "workflows",
                table: "workflow_definitions",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "workflow_shipped_files",
                schema: "workflows",
                columns: table => new
                {
                    DefinitionId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    FileHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "workflow_shipped_files",
                schema: "workflows");

            migrationBuilder.DropColumn(
                name: "ChangedBy",
                schema: "workflows",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "FileHash",
                schema: "workflows",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "Note",
                schema: "workflows",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "Source",
                schema: "workflows",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "SourceName",
                schema: "workflows",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "Stamp",
                schema: "workflows",
                table: "workflow_definitions");
        }
    }
}
