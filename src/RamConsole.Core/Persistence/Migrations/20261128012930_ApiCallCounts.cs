using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RamConsole.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ApiCallCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiCallCounts",
                columns: table => new
                {
                    Day = table.Column<long>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiCallCounts", x => new { x.Day, x.Action });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiCallCounts");
        }
    }
}
