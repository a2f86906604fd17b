using System.Globalization;
using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Invoices.Collection;

/// <summary>One unpaid invoice as the Payment page lists it.</summary>
public sealed record OutstandingInvoice(Guid Id, string Number, long TotalMicros, DateTime DueAt, InvoiceStatus Status);

/// <summary>What "Pay now" did, in words for the page.</summary>
public sealed record PayNowResult(bool Succeeded, string Message);

/// <summary>
/// The Payment page's "Outstanding invoices": the list (billing:read) and "Pay now" (billing:manage, checked again when
/// it runs, so a user demoted while the page is open is refused and nothing is charged).
/// </summary>
public sealed class OutstandingInvoices(
    IDbContextFactory<BillingDbContext> dbFactory, IAuthorizationService authorization, InvoiceCollector collector, PaymentsAvailability availability)
{
    public const string NotAllowed = "You can no longer pay the invoices of this workspace.";

    /// <summary>Open and Past Due invoices, oldest first. Callers check billing:read first.</summary>
    public async Task<IReadOnlyList<OutstandingInvoice>> ListAsync(Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Invoices.AsNoTracking()
            .Where(i => i.WorkspaceId == workspaceId && (i.Status == InvoiceStatus.Open || i.Status == InvoiceStatus.PastDue))
            .OrderBy(i => i.Number)
            .Select(i => new OutstandingInvoice(i.Id, Invoice.Format(i.Number), i.TotalMicros, i.DueAt, i.Status))
            .ToListAsync(ct);
    }

    /// <summary>Charges every outstanding invoice to the default card, oldest first.</summary>
    public async Task<PayNowResult> PayNowAsync(ClaimsPrincipal user, Guid workspaceId, CancellationToken ct = default)
    {
        if (workspaceId == Guid.Empty || !(await authorization.AuthorizeAsync(user, workspaceId, BillingPolicies.Manage)).Succeeded)
            return new PayNowResult(false, NotAllowed);
        if (!availability.CanTakePayments)
            return new PayNowResult(false, PaymentsAvailability.NotConfiguredMessage); // before an attempt is recorded
        var results = await collector.PayOutstandingAsync(workspaceId, user.UserId(), ct);
        var paid = results.Where(r => r.Outcome == InvoiceCollectionOutcome.Paid).ToList();
        var stopped = results.FirstOrDefault(r => r.Outcome is InvoiceCollectionOutcome.Failed or InvoiceCollectionOutcome.NoPaymentMethod or InvoiceCollectionOutcome.ProviderError);
        var processing = results.Any(r => r.Outcome is InvoiceCollectionOutcome.Processing or InvoiceCollectionOutcome.NothingToDo && r.Invoice?.IsPayable == true);
        var paidText = paid.Count == 0 ? "" : $"Paid {string.Join(", ", paid.Select(r => r.Invoice!.DisplayNumber))} ({Dollars(paid.Sum(r => r.Invoice!.TotalMicros))}). ";
        if (stopped is not null)
            return new PayNowResult(false, $"{paidText}{(stopped.Invoice is { } i ? $"{i.DisplayNumber} could not be paid: " : "")}{stopped.FailureMessage}".Trim());
        if (processing)
            return new PayNowResult(true, $"{paidText}A payment is still being processed; this page shows it once it settles.".Trim());
        return paid.Count == 0
            ? new PayNowResult(true, "There is nothing to pay.")
            : new PayNowResult(true, paidText.Trim());
    }

    private static string Dollars(long micros) => new Money(micros).Format(CultureInfo.InvariantCulture);
}
