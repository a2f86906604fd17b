using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BillingPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UsageMetering : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiKeys_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CostRates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LineItem = table.Column<int>(type: "INTEGER", nullable: false),
                    Metric = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UnitPriceMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitSize = table.Column<long>(type: "INTEGER", nullable: false),
                    PlatformFeeBasisPoints = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EffectiveTo = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PlanCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CostRates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UsageDailyRollups",
                columns: table => new
                {
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Agent = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LineItem = table.Column<int>(type: "INTEGER", nullable: false),
                    Metric = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ApiKeyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    CostMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    LineItems = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageDailyRollups", x => new { x.WorkspaceId, x.Day, x.Agent, x.LineItem, x.Metric, x.Key, x.ApiKeyId });
                });

            migrationBuilder.CreateTable(
                name: "UsageEventReceipts",
                columns: table => new
                {
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageEventReceipts", x => new { x.WorkspaceId, x.EventId });
                });

            migrationBuilder.CreateTable(
                name: "UsageLineItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RunId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Agent = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Timestamp = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StepIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    StepType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    LineItem = table.Column<int>(type: "INTEGER", nullable: false),
                    Metric = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    RateId = table.Column<long>(type: "INTEGER", nullable: false),
                    CostMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    DurationMs = table.Column<long>(type: "INTEGER", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PersonaId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ApiKeyId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageLineItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UsageRuns",
                columns: table => new
                {
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RunId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Agent = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FirstAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Events = table.Column<int>(type: "INTEGER", nullable: false),
                    CostMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    ApiKeyId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageRuns", x => new { x.WorkspaceId, x.RunId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_SecretHash",
                table: "ApiKeys",
                column: "SecretHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_WorkspaceId",
                table: "ApiKeys",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_CostRates_LineItem_Key_Metric_EffectiveFrom",
                table: "CostRates",
                columns: new[] { "LineItem", "Key", "Metric", "EffectiveFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageLineItems_WorkspaceId_RunId",
                table: "UsageLineItems",
                columns: new[] { "WorkspaceId", "RunId" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageLineItems_WorkspaceId_Timestamp",
                table: "UsageLineItems",
                columns: new[] { "WorkspaceId", "Timestamp" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageRuns_WorkspaceId_LastAt",
                table: "UsageRuns",
                columns: new[] { "WorkspaceId", "LastAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "CostRates");

            migrationBuilder.DropTable(
                name: "UsageDailyRollups");

            migrationBuilder.DropTable(
                name: "UsageEventReceipts");

            migrationBuilder.DropTable(
                name: "UsageLineItems");

            migrationBuilder.DropTable(
                name: "UsageRuns");
        }
    }
}
