using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RamConsole.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RedisPlane : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RedisInstances",
                columns: table => new
                {
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    InstanceName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RegionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Port = table.Column<int>(type: "INTEGER", nullable: false),
                    CapacityMb = table.Column<int>(type: "INTEGER", nullable: false),
                    AdminUser = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProtectedAdminPassword = table.Column<string>(type: "TEXT", nullable: false),
                    DataDirectory = table.Column<string>(type: "TEXT", nullable: true),
                    ConfigJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DefaultPasswordSetAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RedisInstances", x => x.InstanceId);
                });

            migrationBuilder.CreateTable(
                name: "RedisAccounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AccountName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Privilege = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    IssuedToArn = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    SessionChainJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RedisAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RedisAccounts_RedisInstances_InstanceId",
                        column: x => x.InstanceId,
                        principalTable: "RedisInstances",
                        principalColumn: "InstanceId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RedisAccounts_ExpiresAt",
                table: "RedisAccounts",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_RedisAccounts_InstanceId_AccountName",
                table: "RedisAccounts",
                columns: new[] { "InstanceId", "AccountName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RedisInstances_CreatedAt",
                table: "RedisInstances",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_RedisInstances_Host_Port",
                table: "RedisInstances",
                columns: new[] { "Host", "Port" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RedisAccounts");

            migrationBuilder.DropTable(
                name: "RedisInstances");
        }
    }
}
