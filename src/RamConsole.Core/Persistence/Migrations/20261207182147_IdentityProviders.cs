using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RamConsole.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IdentityProviders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OidcProviders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false, collation: "NOCASE"),
                    IssuerUrl = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Fingerprints = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ClientIds = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: false),
                    IssuanceLimitTime = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OidcProviders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SamlProviders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false, collation: "NOCASE"),
                    Description = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    MetadataXml = table.Column<string>(type: "TEXT", nullable: false),
                    EntityId = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SamlProviders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UserSsoSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    SsoEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    MetadataXml = table.Column<string>(type: "TEXT", nullable: true),
                    AuxiliaryDomain = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    SsoLoginWithDomain = table.Column<bool>(type: "INTEGER", nullable: false),
                    MultiFactorAuthnContexts = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSsoSettings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OidcProviders_IssuerUrl",
                table: "OidcProviders",
                column: "IssuerUrl",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OidcProviders_Name",
                table: "OidcProviders",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SamlProviders_Name",
                table: "SamlProviders",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OidcProviders");

            migrationBuilder.DropTable(
                name: "SamlProviders");

            migrationBuilder.DropTable(
                name: "UserSsoSettings");
        }
    }
}
