using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BillingPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CreditsAndPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CardSetups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Provider = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckoutId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    CheckoutUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PaymentMethodId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CardSetups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CardSetups_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CreditSettings",
                columns: table => new
                {
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LowBalanceThresholdMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    AutoTopUpEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AutoTopUpThresholdMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    AutoTopUpAmountMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    AutoTopUpMonthlyCapMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    AutoTopUpPaymentMethodId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AutoTopUpPausedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AutoTopUpPauseReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    AutoTopUpConsecutiveFailures = table.Column<int>(type: "INTEGER", nullable: false),
                    AutoTopUpNextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AutoTopUpInFlightPaymentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AutoTopUpInFlightSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditSettings", x => x.WorkspaceId);
                    table.ForeignKey(
                        name: "FK_CreditSettings_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LocalCards",
                columns: table => new
                {
                    Token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Behavior = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LocalCards", x => x.Token);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DedupeKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EmailedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Notifications_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PaymentCustomers",
                columns: table => new
                {
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Provider = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentCustomers", x => new { x.WorkspaceId, x.Provider });
                    table.ForeignKey(
                        name: "FK_PaymentCustomers_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PaymentMethods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Provider = table.Column<int>(type: "INTEGER", nullable: false),
                    ProviderMethodId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Brand = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Last4 = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    ExpMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpYear = table.Column<int>(type: "INTEGER", nullable: false),
                    IsDefault = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RemovedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentMethods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentMethods_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Payments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Purpose = table.Column<int>(type: "INTEGER", nullable: false),
                    Provider = table.Column<int>(type: "INTEGER", nullable: false),
                    LiveMode = table.Column<bool>(type: "INTEGER", nullable: false),
                    AmountMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CheckoutId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    CheckoutUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ProviderPaymentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    ProviderChargeId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    PaymentMethodId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CardDescription = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FailureCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FailureMessage = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreditEntryId = table.Column<long>(type: "INTEGER", nullable: true),
                    RefundedMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    DisputedMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Payments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Payments_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WebhookEvents",
                columns: table => new
                {
                    Provider = table.Column<int>(type: "INTEGER", nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LiveMode = table.Column<bool>(type: "INTEGER", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookEvents", x => new { x.Provider, x.EventId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_CardSetups_CheckoutId",
                table: "CardSetups",
                column: "CheckoutId");

            migrationBuilder.CreateIndex(
                name: "IX_CardSetups_WorkspaceId",
                table: "CardSetups",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_WorkspaceId_DedupeKey",
                table: "Notifications",
                columns: new[] { "UserId", "WorkspaceId", "DedupeKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_WorkspaceId_Id",
                table: "Notifications",
                columns: new[] { "UserId", "WorkspaceId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_WorkspaceId",
                table: "Notifications",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentCustomers_Provider_CustomerId",
                table: "PaymentCustomers",
                columns: new[] { "Provider", "CustomerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentMethods_Provider_ProviderMethodId",
                table: "PaymentMethods",
                columns: new[] { "Provider", "ProviderMethodId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentMethods_WorkspaceId",
                table: "PaymentMethods",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_CheckoutId",
                table: "Payments",
                column: "CheckoutId");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_ProviderChargeId",
                table: "Payments",
                column: "ProviderChargeId");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_ProviderPaymentId",
                table: "Payments",
                column: "ProviderPaymentId");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_WorkspaceId_CreatedAt",
                table: "Payments",
                columns: new[] { "WorkspaceId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_WorkspaceId_RequestKey",
                table: "Payments",
                columns: new[] { "WorkspaceId", "RequestKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CardSetups");

            migrationBuilder.DropTable(
                name: "CreditSettings");

            migrationBuilder.DropTable(
                name: "LocalCards");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "PaymentCustomers");

            migrationBuilder.DropTable(
                name: "PaymentMethods");

            migrationBuilder.DropTable(
                name: "Payments");

            migrationBuilder.DropTable(
                name: "WebhookEvents");
        }
    }
}
