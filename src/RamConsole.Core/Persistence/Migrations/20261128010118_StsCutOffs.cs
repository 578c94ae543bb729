using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RamConsole.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StsCutOffs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StsCutOffs",
                columns: table => new
                {
                    SourceArn = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StsCutOffs", x => x.SourceArn);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StsCutOffs");
        }
    }
}
