using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BillingPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LedgerTimeOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_WorkspaceId_CreatedAt_Id",
                table: "LedgerEntries",
                columns: new[] { "WorkspaceId", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_WorkspaceId_CreatedAt_Id",
                table: "LedgerEntries");
        }
    }
}
