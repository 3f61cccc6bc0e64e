using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Reduction.Workflows.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddCalendarArrangements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calendar_arrangements",
                schema: "workflows",
                columns: table => new
                {
                    Layer = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CalendarKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_arrangements", x => new { x.Layer, x.CalendarKey, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "calendar_versions",
                schema: "workflows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Layer = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CalendarKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Via = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_versions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_calendar_versions_Layer_CalendarKey_Year_Version",
                schema: "workflows",
                table: "calendar_versions",
                columns: new[] { "Layer", "CalendarKey", "Year", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_calendar_versions_Year",
                schema: "workflows",
                table: "calendar_versions",
                column: "Year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_arrangements",
                schema: "workflows");

            migrationBuilder.DropTable(
                name: "calendar_versions",
                schema: "workflows");
        }
    }
}
