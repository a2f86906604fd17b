using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BillingPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class UsageRunKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UsageRunKeys",
                columns: table => new
                {
                    WorkspaceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RunId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    FirstAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageRunKeys", x => new { x.WorkspaceId, x.RunId, x.Key });
                });

            migrationBuilder.CreateIndex(
                name: "IX_UsageRuns_WorkspaceId_Agent_FirstAt",
                table: "UsageRuns",
                columns: new[] { "WorkspaceId", "Agent", "FirstAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageRuns_WorkspaceId_CostMicros",
                table: "UsageRuns",
                columns: new[] { "WorkspaceId", "CostMicros" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageRuns_WorkspaceId_FirstAt",
                table: "UsageRuns",
                columns: new[] { "WorkspaceId", "FirstAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageRunKeys_WorkspaceId_Key_FirstAt",
                table: "UsageRunKeys",
                columns: new[] { "WorkspaceId", "Key", "FirstAt" });

            // Runs recorded before this table existed get their keys from their line items.
            migrationBuilder.Sql("INSERT INTO UsageRunKeys (WorkspaceId, RunId, [Key], FirstAt) SELECT DISTINCT li.WorkspaceId, li.RunId, li.[Key], r.FirstAt FROM UsageLineItems li JOIN UsageRuns r ON r.WorkspaceId = li.WorkspaceId AND r.RunId = li.RunId;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UsageRunKeys");

            migrationBuilder.DropIndex(
                name: "IX_UsageRuns_WorkspaceId_Agent_FirstAt",
                table: "UsageRuns");

            migrationBuilder.DropIndex(
                name: "IX_UsageRuns_WorkspaceId_CostMicros",
                table: "UsageRuns");

            migrationBuilder.DropIndex(
                name: "IX_UsageRuns_WorkspaceId_FirstAt",
                table: "UsageRuns");
        }
    }
}
