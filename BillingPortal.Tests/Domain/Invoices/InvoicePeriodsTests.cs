using BillingPortal.Domain.Invoices;

namespace BillingPortal.Tests.Domain.Invoices;

public sealed class InvoicePeriodsTests
{
    private static readonly DateTime Mar1 = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void APeriodInvoice_NamesThePlanFeesPeriodThatStarts_AndTheUsagePeriodThatEnded()
    {
        var invoice = Invoice(InvoiceKind.Period, Mar1, Mar1.AddMonths(1), Mar1.AddMonths(1), Mar1.AddMonths(2));

        var periods = InvoicePeriods.Of(invoice);

        Assert.Equal([("Plan fee period", "1 Apr – 1 May 2026"), ("Usage period", "1 Mar – 1 Apr 2026")], periods.Select(p => (p.Label, p.Days)));
    }

    [Fact]
    public void AnOlderPeriodInvoice_WithoutThePlanPeriod_NamesItsUsagePeriod()
    {
        var periods = InvoicePeriods.Of(Invoice(InvoiceKind.Period, Mar1, Mar1.AddMonths(1)));

        Assert.Equal([("Usage period", "1 Mar – 1 Apr 2026")], periods.Select(p => (p.Label, p.Days)));
    }

    [Fact]
    public void AProrationInvoice_NamesTheOneSpanItBills()
    {
        var periods = InvoicePeriods.Of(Invoice(InvoiceKind.Proration, Mar1.AddDays(10), Mar1.AddMonths(1)));

        Assert.Equal([("Period", "11 Mar – 1 Apr 2026")], periods.Select(p => (p.Label, p.Days)));
    }

    private static Invoice Invoice(InvoiceKind kind, DateTime start, DateTime end, DateTime? planStart = null, DateTime? planEnd = null) => new()
    {
        Kind = kind, IdempotencyKey = "k", PlanCode = "pro", CustomerName = "Acme", PeriodStart = start, PeriodEnd = end,
        PlanPeriodStart = planStart, PlanPeriodEnd = planEnd,
    };
}
