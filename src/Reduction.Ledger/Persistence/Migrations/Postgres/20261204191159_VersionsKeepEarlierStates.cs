using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reduction.Ledger.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VersionsKeepEarlierStates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in VersionStates.Remove("ledger."))
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropIndex(
                name: "IX_ledger_versions_PrefectureId",
                schema: "ledger",
                table: "ledger_versions");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in VersionStates.Restore("ledger.", true))
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.CreateIndex(
                name: "IX_ledger_versions_PrefectureId",
                schema: "ledger",
                table: "ledger_versions",
                column: "PrefectureId");
        }
    }
}
