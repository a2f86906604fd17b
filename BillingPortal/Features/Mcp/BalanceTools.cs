using System.ComponentModel;
using BillingPortal.Features.BillingApi;
using BillingPortal.Features.Credits.AutoTopUp;
using BillingPortal.Features.Overview;
using BillingPortal.Features.Payments.Methods;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace BillingPortal.Features.Mcp;

/// <summary>The wallet and the plan, read from the billing API's status so both surfaces say the same.</summary>
[McpServerToolType]
public sealed class BalanceTools
{
    private const string NoBilling = "This workspace has no billing yet (no subscription or wallet).";

    [McpServerTool(Name = "get_balance", Title = "Credit balance", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(BalanceAnswer))]
    [Description("The workspace's money now: purchased credits (creditBalanceMicros) and the plan's monthly allowance left "
        + "(allowanceRemainingMicros), in micro-dollars (1000000 = $1.00), with the default card and the auto top-up settings. "
        + "Read-only: to buy credits (top up) send the person to creditsPageUrl; to add or change a card, to paymentPageUrl.")]
    public static async Task<CallToolResult> GetBalanceAsync(McpCaller caller, OverviewService overview, PaymentMethodService cards,
        CreditSettingsService settings, CancellationToken ct)
    {
        if (await BillingApiReads.StatusAsync(caller.WorkspaceId, overview, cards, settings, ct) is not { } s)
            return McpAnswer.Refused(NoBilling);
        return McpAnswer.Ok(new BalanceAnswer(s.WorkspaceId, s.WorkspaceName, s.CreditBalanceMicros, s.AllowanceRemainingMicros, s.DefaultCard,
            s.AutoTopUp, caller.PageUrl("/billing/credits"), caller.PageUrl("/billing/payment"),
            "Top-ups and card changes are made by the person in the browser: credits at creditsPageUrl, cards at paymentPageUrl. "
            + "This assistant cannot charge or change anything."));
    }

    [McpServerTool(Name = "get_plan", Title = "Plan and subscription", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(PlanAnswer))]
    [Description("The workspace's plan (code, name, monthly price and allowance in micro-dollars) and its subscription: status "
        + "(Trial, Active, PastDue or Paused), trial days left, when the allowance resets and the next invoice is issued, a pending "
        + "downgrade. Read-only: plans are changed at plansPageUrl; top-ups at creditsPageUrl and cards at paymentPageUrl.")]
    public static async Task<CallToolResult> GetPlanAsync(McpCaller caller, OverviewService overview, PaymentMethodService cards,
        CreditSettingsService settings, CancellationToken ct)
    {
        if (await BillingApiReads.StatusAsync(caller.WorkspaceId, overview, cards, settings, ct) is not { } s)
            return McpAnswer.Refused(NoBilling);
        return McpAnswer.Ok(new PlanAnswer(s.WorkspaceId, s.WorkspaceName, s.Plan, s.Subscription, caller.PageUrl("/billing/plans"),
            caller.PageUrl("/billing/credits"), caller.PageUrl("/billing/payment"),
            "Plan changes, top-ups and card changes are made by the person in the browser at these pages. This assistant cannot change anything."));
    }
}
