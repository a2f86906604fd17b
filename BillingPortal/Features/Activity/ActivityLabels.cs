using BillingPortal.Domain.Audit;

namespace BillingPortal.Features.Activity;

/// <summary>What the Activity page calls each action kind and action (the codes stay the export's and the filter's).</summary>
public static class ActivityLabels
{
    public static string Kind(string kind) => kind switch
    {
        "plan" => "Plan",
        "auto_top_up" => "Auto top-up",
        "low_balance" => "Low-balance alert",
        "payment_method" => "Payment methods",
        "member" => "Members",
        "invitation" => "Invitations",
        "api_key" => "API keys",
        "personal_token" => "Personal tokens",
        "payment" => "Refunds and disputes",
        "billing_details" => "Billing details",
        _ => kind,
    };

    public static string Action(string action) => action switch
    {
        AuditActions.PlanSwitched => "Plan switched",
        AuditActions.PlanDowngradeScheduled => "Downgrade scheduled",
        AuditActions.PlanDowngradeCancelled => "Downgrade cancelled",
        AuditActions.AutoTopUpUpdated => "Auto top-up changed",
        AuditActions.LowBalanceThresholdUpdated => "Low-balance alert changed",
        AuditActions.PaymentMethodAdded => "Card added",
        AuditActions.PaymentMethodRemoved => "Card removed",
        AuditActions.PaymentMethodDefaultSet => "Default card set",
        AuditActions.MemberRoleChanged => "Role changed",
        AuditActions.MemberPermissionsChanged => "Billing access changed",
        AuditActions.MemberRemoved => "Member removed",
        AuditActions.InvitationSent => "Invitation sent",
        AuditActions.InvitationAccepted => "Invitation accepted",
        AuditActions.InvitationRevoked => "Invitation revoked",
        AuditActions.ApiKeyCreated => "API key created",
        AuditActions.ApiKeyRevoked => "API key revoked",
        AuditActions.PersonalTokenCreated => "Personal token created",
        AuditActions.PersonalTokenRevoked => "Personal token revoked",
        AuditActions.BudgetCreated => "Budget created",
        AuditActions.BudgetUpdated => "Budget changed",
        AuditActions.BudgetDeleted => "Budget deleted",
        AuditActions.PaymentRefunded => "Payment refunded",
        AuditActions.PaymentDisputed => "Payment disputed",
        AuditActions.BillingDetailsUpdated => "Billing details changed",
        _ => action,
    };

    public static string At(DateTime utc) => Domain.Text.DateText.Moment(utc);
}
