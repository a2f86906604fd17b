using BillingPortal.Domain.Text;
using System.Globalization;

namespace BillingPortal.Domain.Invoices;

/// <summary>One line an invoice will carry.</summary>
public sealed record InvoiceLineSpec(InvoiceLineKind Kind, string Description, long AmountMicros);

/// <summary>A credit purchase or top-up made during the period, listed on the invoice as already paid.</summary>
public sealed record PaidReceipt(DateTime At, string Description, long AmountMicros);

/// <summary>What a period's usage cost and what paid for it, read from the ledger at the period's end.</summary>
/// <param name="FromAllowanceMicros">Usage paid from the plan's allowance (positive).</param>
/// <param name="FromCreditsMicros">Usage paid from purchased credits (positive; may include an overdraft).</param>
/// <param name="CreditBalanceMicros">The credit balance at the period's end; below zero is overage the invoice carries.</param>
public sealed record PeriodUsage(long FromAllowanceMicros, long FromCreditsMicros, long CreditBalanceMicros, IReadOnlyList<PaidReceipt> Receipts)
{
    public long UsageMicros => FromAllowanceMicros + FromCreditsMicros;

    /// <summary>
    /// Usage neither the allowance nor credits covered: the credit balance below zero, as a positive amount in whole
    /// cents, rounded down, because a card is charged in cents. The sub-cent rest stays on the credit balance and is
    /// billed with the next period's overage (or covered by later credits), so nothing is lost or charged twice.
    /// </summary>
    public long OverageMicros => CreditBalanceMicros >= 0 ? 0 : -CreditBalanceMicros / Money.MicrosPerCent * Money.MicrosPerCent;

    public static PeriodUsage None { get; } = new(0, 0, 0, []);
}

/// <summary>
/// The lines of a period invoice, issued when a period ends: the plan fee for the period that starts (in advance,
/// as Stripe bills), the overage of the period that ended (in arrears), and, for the reader, that period's usage and
/// its credit purchases. The same rule gives the Overview's estimate of the next invoice, so the two never disagree.
/// </summary>
public static class PeriodCharges
{
    public static IReadOnlyList<InvoiceLineSpec> Lines(Plan nextPlan, DateTime nextStart, DateTime nextEnd, DateTime usageStart, DateTime usageEnd, PeriodUsage usage)
    {
        var lines = new List<InvoiceLineSpec>
        {
            new(InvoiceLineKind.PlanFee, $"{nextPlan.Name} plan, {Span(nextStart, nextEnd)}", nextPlan.MonthlyPrice.Micros),
        };
        if (usage.OverageMicros > 0)
            lines.Add(new(InvoiceLineKind.Overage, $"Usage beyond the allowance and credits, {Span(usageStart, usageEnd)}", usage.OverageMicros));
        if (usage.UsageMicros != 0)
            lines.Add(new(InvoiceLineKind.UsageSummary,
                $"Usage {Span(usageStart, usageEnd)}: {Dollars(usage.FromAllowanceMicros)} from the allowance, {Dollars(usage.FromCreditsMicros)} from credits",
                usage.UsageMicros));
        foreach (var receipt in usage.Receipts.OrderBy(r => r.At))
            lines.Add(new(InvoiceLineKind.Receipt, $"{receipt.Description} ({DateText.Day(receipt.At)}), paid", receipt.AmountMicros));
        return lines;
    }

    /// <summary>What the counted lines add up to: the amount due.</summary>
    public static long Total(IEnumerable<InvoiceLineSpec> lines) =>
        lines.Where(l => l.Kind is InvoiceLineKind.PlanFee or InvoiceLineKind.Proration or InvoiceLineKind.Overage).Sum(l => l.AmountMicros);

    /// <summary>"22 Nov – 21 Dec 2026": the days a period covers, both included, so two periods in a row never seem to share a day.</summary>
    public static string Span(DateTime start, DateTime end) => DateText.Period(start, end);

    private static string Dollars(long micros) => new Money(micros).Format(CultureInfo.InvariantCulture);
}
