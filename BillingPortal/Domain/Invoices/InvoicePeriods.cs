namespace BillingPortal.Domain.Invoices;

/// <summary>One period an invoice's header names: what it is for and the days it covers.</summary>
public sealed record InvoicePeriod(string Label, DateTime Start, DateTime End)
{
    public string Days => PeriodCharges.Span(Start, End);
}

/// <summary>
/// The periods an invoice's header shows, so they match its lines: a period invoice bills the plan fee for the period
/// that starts (in advance) and usage for the one that ended (in arrears), two different spans; a proration invoice
/// bills the rest of one period. The page and the PDF both print these.
/// </summary>
public static class InvoicePeriods
{
    public const string PlanFee = "Plan fee period";
    public const string Usage = "Usage period";
    public const string Single = "Period";

    public static IReadOnlyList<InvoicePeriod> Of(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        if (invoice.Kind == InvoiceKind.Proration)
            return [new InvoicePeriod(Single, invoice.PeriodStart, invoice.PeriodEnd)];
        var usage = new InvoicePeriod(Usage, invoice.PeriodStart, invoice.PeriodEnd);
        return invoice is { PlanPeriodStart: { } start, PlanPeriodEnd: { } end }
            ? [new InvoicePeriod(PlanFee, start, end), usage]
            : [usage];
    }
}
