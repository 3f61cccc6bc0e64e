using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reduction.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddNoticeHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Recipients",
                table: "notice_outbox",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Subject",
                table: "notice_outbox",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "notice_attempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NoticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notice_attempts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_notice_outbox_CreatedAt",
                table: "notice_outbox",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_notice_attempts_NoticeId_At",
                table: "notice_attempts",
                columns: new[] { "NoticeId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notice_attempts");

            migrationBuilder.DropIndex(
                name: "IX_notice_outbox_CreatedAt",
                table: "notice_outbox");

            migrationBuilder.DropColumn(
                name: "Recipients",
                table: "notice_outbox");

            migrationBuilder.DropColumn(
                name: "Subject",
                table: "notice_outbox");
        }
    }
}
