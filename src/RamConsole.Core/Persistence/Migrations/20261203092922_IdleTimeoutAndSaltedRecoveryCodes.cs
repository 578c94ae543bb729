using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RamConsole.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IdleTimeoutAndSaltedRecoveryCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LoginIdleTimeout",
                table: "SecuritySettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30); // an existing installation gets the default idle timeout, not 0 minutes
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LoginIdleTimeout",
                table: "SecuritySettings");
        }
    }
}
