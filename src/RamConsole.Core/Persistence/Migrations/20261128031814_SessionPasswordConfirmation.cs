using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RamConsole.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SessionPasswordConfirmation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "VerifiedAt",
                table: "ConsoleSessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
            // Sessions that exist already last entered the password when they signed in.
            migrationBuilder.Sql("UPDATE ConsoleSessions SET VerifiedAt = CreatedAt;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VerifiedAt",
                table: "ConsoleSessions");
        }
    }
}
