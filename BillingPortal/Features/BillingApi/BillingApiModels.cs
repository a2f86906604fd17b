using BillingPortal.Features.Credits;
using BillingPortal.Features.Credits.AutoTopUp;
using BillingPortal.Features.Invoices;
using BillingPortal.Features.Overview;
using BillingPortal.Features.Payments.Methods;

namespace BillingPortal.Features.BillingApi;

/// <summary>
/// <c>GET /api/v1/billing/status</c>: money as whole micro-dollars, named as the metering API names them
/// (<c>creditBalanceMicros</c>, <c>allowanceRemainingMicros</c>).
/// </summary>
public sealed record BillingStatusResponse(
    Guid WorkspaceId, string WorkspaceName, PlanResponse Plan, SubscriptionResponse Subscription,
    long CreditBalanceMicros, long AllowanceRemainingMicros, CardResponse? DefaultCard, AutoTopUpResponse AutoTopUp);

/// <param name="PauseReason">Why auto top-up stopped trying (a declined card); null while it runs.</param>
public sealed record AutoTopUpResponse(
    bool Enabled, long ThresholdMicros, long AmountMicros, long MonthlyCapMicros, long ChargedThisMonthMicros, bool Paused, string? PauseReason)
{
    public static AutoTopUpResponse From(AutoTopUpStatus s) => new(
        s.Settings.AutoTopUpEnabled, s.Settings.AutoTopUpThresholdMicros, s.Settings.AutoTopUpAmountMicros, s.Settings.AutoTopUpMonthlyCapMicros,
        s.ChargedThisMonthMicros, s.Settings.AutoTopUpPausedAt is not null, s.Settings.AutoTopUpPauseReason);
}

public sealed record CardResponse(Guid Id, string Brand, string Last4, int ExpMonth, int ExpYear, bool IsDefault, bool IsExpired)
{
    public static CardResponse From(CardOnFile c) => new(c.Id, c.Brand, c.Last4, c.ExpMonth, c.ExpYear, c.IsDefault, c.IsExpired);
}

public sealed record CardsResponse(IReadOnlyList<CardResponse> Data);

/// <summary>A page of the ledger, newest first; <see cref="NextPage"/> goes in <c>page</c> for the next one.</summary>
public sealed record TransactionsResponse(IReadOnlyList<LedgerExportItem> Data, bool HasMore, string? NextPage);

/// <param name="PdfUrl">Where the PDF is read with the same token.</param>
public sealed record InvoiceResponse(
    Guid Id, string Number, string Kind, string Status, DateTime PeriodStart, DateTime PeriodEnd, DateTime IssuedAt, DateTime DueAt,
    long TotalMicros, string PdfUrl)
{
    public static InvoiceResponse From(InvoiceRow r) => new(r.Id, r.DisplayNumber, r.Kind.ToString(), r.Status.ToString(),
        Utc(r.PeriodStart), Utc(r.PeriodEnd), Utc(r.IssuedAt), Utc(r.DueAt), r.TotalMicros, $"/api/v1/billing/invoices/{r.Id}/pdf");

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
}

/// <summary>Invoices, newest first; <see cref="NextPage"/> goes in <c>page</c> for the next one.</summary>
public sealed record InvoicesResponse(IReadOnlyList<InvoiceResponse> Data, bool HasMore, string? NextPage);

/// <summary>A page for a person to open in a browser; nothing is charged or changed until they act there.</summary>
public sealed record BrowserUrlResponse(string Url, string Message);

/// <summary><c>POST /api/v1/billing/top-ups</c>: the amount of credits to buy.</summary>
public sealed record TopUpRequest(long? AmountMicros);
