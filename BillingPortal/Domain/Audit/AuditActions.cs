using System.Text.RegularExpressions;

namespace BillingPortal.Domain.Audit;

/// <summary>
/// The stable action codes ("area.verb"): exports and filters key on them, so a code is never renamed, only added.
/// </summary>
public static partial class AuditActions
{
    public const string PlanSwitched = "plan.switched";
    public const string PlanDowngradeScheduled = "plan.downgrade_scheduled";
    public const string PlanDowngradeCancelled = "plan.downgrade_cancelled";
    public const string AutoTopUpUpdated = "auto_top_up.updated";
    public const string LowBalanceThresholdUpdated = "low_balance.updated";
    public const string PaymentMethodAdded = "payment_method.added";
    public const string PaymentMethodRemoved = "payment_method.removed";
    public const string PaymentMethodDefaultSet = "payment_method.default_set";
    public const string MemberRoleChanged = "member.role_changed";
    public const string MemberPermissionsChanged = "member.permissions_changed";
    public const string MemberRemoved = "member.removed";
    public const string InvitationSent = "invitation.sent";
    public const string InvitationAccepted = "invitation.accepted";
    public const string InvitationRevoked = "invitation.revoked";
    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRevoked = "api_key.revoked";
    public const string PaymentRefunded = "payment.refunded";
    public const string PaymentDisputed = "payment.disputed";
    public const string BillingDetailsUpdated = "billing_details.updated";
    public const string PersonalTokenCreated = "personal_token.created";
    public const string PersonalTokenRevoked = "personal_token.revoked";
    public const string BudgetCreated = "budget.created";
    public const string BudgetUpdated = "budget.updated";
    public const string BudgetDeleted = "budget.deleted";

    /// <summary>Every code, in the order the Activity filter lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        PlanSwitched, PlanDowngradeScheduled, PlanDowngradeCancelled, AutoTopUpUpdated, LowBalanceThresholdUpdated,
        PaymentMethodAdded, PaymentMethodRemoved, PaymentMethodDefaultSet, MemberRoleChanged, MemberPermissionsChanged,
        MemberRemoved, InvitationSent, InvitationAccepted, InvitationRevoked, ApiKeyCreated, ApiKeyRevoked,
        PaymentRefunded, PaymentDisputed, BillingDetailsUpdated, PersonalTokenCreated, PersonalTokenRevoked,
        BudgetCreated, BudgetUpdated, BudgetDeleted,
    ];

    /// <summary>The kinds the filter groups codes by: the part before the dot ("plan", "member").</summary>
    public static IReadOnlyList<string> Kinds { get; } = [.. All.Select(KindOf).Distinct()];

    /// <summary>"payment_method.added" → "payment_method".</summary>
    public static string KindOf(string action) => action[..action.IndexOf('.')];

    /// <summary>Whether <paramref name="action"/> has the "area.verb" shape of lower-case words.</summary>
    public static bool IsWellFormed(string? action) => action is not null && action.Length <= 64 && Shape().IsMatch(action);

    [GeneratedRegex("^[a-z]+(_[a-z]+)*\\.[a-z]+(_[a-z]+)*$")]
    private static partial Regex Shape();
}
