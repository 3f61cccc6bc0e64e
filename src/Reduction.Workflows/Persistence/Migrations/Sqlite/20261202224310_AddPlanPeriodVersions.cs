using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reduction.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddPlanPeriodVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "plan_period_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PeriodId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    Via = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_period_versions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_plan_period_versions_PeriodId_Version",
                table: "plan_period_versions",
                columns: new[] { "PeriodId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plan_period_versions");
        }
    }
}
