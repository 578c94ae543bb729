using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RamConsole.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StsRevocation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "SessionsRevokedAt",
                table: "RamRoles",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SessionsRevokedAt",
                table: "RamRoles");
        }
    }
}
