using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reduction.Workflows.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddNoticeHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Recipients",
                schema: "workflows",
                table: "notice_outbox",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Subject",
                schema: "workflows",
                table: "notice_outbox",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "notice_attempts",
                schema: "workflows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    NoticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notice_attempts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_notice_outbox_CreatedAt",
                schema: "workflows",
                table: "notice_outbox",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_notice_attempts_NoticeId_At",
                schema: "workflows",
                table: "notice_attempts",
                columns: new[] { "NoticeId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notice_attempts",
                schema: "workflows");

            migrationBuilder.DropIndex(
                name: "IX_notice_outbox_CreatedAt",
                schema: "workflows",
                table: "notice_outbox");

            migrationBuilder.DropColumn(
                name: "Recipients",
                schema: "workflows",
                table: "notice_outbox");

            migrationBuilder.DropColumn(
                name: "Subject",
                schema: "workflows",
                table: "notice_outbox");
        }
    }
}
