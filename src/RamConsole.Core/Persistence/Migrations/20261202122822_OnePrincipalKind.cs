using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RamConsole.Core.Persistence.Migrations
{
    /// <summary>
    /// Policy attachments name their holder with the one PrincipalKind (User 1, Group 2, Role 3) instead of their own
    /// enum (User 0, Group 1, Role 2). One kind at a time, the highest first, so the unique index over
    /// (PolicyType, PolicyName, PrincipalType, PrincipalId) never sees two rows meet halfway.
    /// </summary>
    public partial class OnePrincipalKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE PolicyAttachments SET PrincipalType = 3 WHERE PrincipalType = 2;");
            migrationBuilder.Sql("UPDATE PolicyAttachments SET PrincipalType = 2 WHERE PrincipalType = 1;");
            migrationBuilder.Sql("UPDATE PolicyAttachments SET PrincipalType = 1 WHERE PrincipalType = 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE PolicyAttachments SET PrincipalType = 0 WHERE PrincipalType = 1;");
            migrationBuilder.Sql("UPDATE PolicyAttachments SET PrincipalType = 1 WHERE PrincipalType = 2;");
            migrationBuilder.Sql("UPDATE PolicyAttachments SET PrincipalType = 2 WHERE PrincipalType = 3;");
        }
    }
}
