using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BillingPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class UsageRollupSummaryIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_UsageDailyRollups_Summary",
                table: "UsageDailyRollups",
                columns: new[] { "WorkspaceId", "Day", "LineItem", "Agent", "Key", "ApiKeyId", "CostMicros", "LineItems" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UsageDailyRollups_Summary",
                table: "UsageDailyRollups");
        }
    }
}
