using BillingPortal.Data;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Payments;
using BillingPortal.Domain.Subscriptions;
using BillingPortal.Features.Notifications;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Payments.Gateway;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Invoices.Collection;

public enum InvoiceCollectionOutcome
{
    Paid,
    /// <summary>Paid, void, or another attempt is in flight: nothing was charged by this call.</summary>
    NothingToDo,
    NoPaymentMethod,
    Failed,
    Processing,
    /// <summary>The provider could not be reached; retried later with the same idempotency key.</summary>
    ProviderError,
    NotFound,
}

public sealed record InvoiceCollection(InvoiceCollectionOutcome Outcome, Invoice? Invoice, Payment? Payment, string? FailureMessage = null);

/// <summary>
/// Charges invoices to the workspace's default card. Each attempt is claimed under the invoice's row lock and recorded
/// as a Payment (<c>invoice:{id}:{attempt}</c>) before the provider is called, and the provider's idempotency key is
/// derived from that payment, so concurrent calls and re-drives after a crash are one charge, never two. The money's
/// outcome goes through <see cref="PaymentFulfilment"/>, which settles the invoice in the same commit
/// (<see cref="InvoiceSettlement"/>). The dunning pass (<see cref="RunDueAsync"/>) is in <c>InvoiceCollector.Dunning.cs</c>.
/// </summary>
public sealed partial class InvoiceCollector(
    IDbContextFactory<BillingDbContext> dbFactory,
    BillingWrites writes,
    IPaymentGateway gateway,
    PaymentsAvailability availability,
    PaymentFulfilment fulfilment,
    INotifier notifier,
    TimeProvider clock,
    ILogger<InvoiceCollector> log)
{
    /// <summary>A Pending attempt untouched this long was abandoned (a crash, a provider error): it is re-driven with its own key.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    /// <summary>Charges one payable invoice now (after an upgrade, or "Pay now"); idempotent per attempt.</summary>
    public Task<InvoiceCollection> CollectAsync(Guid invoiceId, CancellationToken ct = default) => CollectAsync(invoiceId, null, onlyIfDue: false, ct);

    /// <summary>"Pay now": every payable invoice of the workspace, oldest first, on the default card; stops at the first that fails.</summary>
    /// <remarks>Callers check billing:manage first.</remarks>
    public async Task<IReadOnlyList<InvoiceCollection>> PayOutstandingAsync(Guid workspaceId, string? userId, CancellationToken ct = default)
    {
        List<Guid> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            ids = await db.Invoices.AsNoTracking()
                .Where(i => i.WorkspaceId == workspaceId && (i.Status == InvoiceStatus.Open || i.Status == InvoiceStatus.PastDue))
                .OrderBy(i => i.Number).Select(i => i.Id).ToListAsync(ct);
        var results = new List<InvoiceCollection>();
        foreach (var id in ids)
        {
            var result = await CollectAsync(id, userId, onlyIfDue: false, ct);
            results.Add(result);
            if (result.Outcome is InvoiceCollectionOutcome.Failed or InvoiceCollectionOutcome.NoPaymentMethod or InvoiceCollectionOutcome.ProviderError)
                break; // the same card would fail the rest too
        }
        return results;
    }

    /// <summary>The provider's idempotency key for an attempt: the same for every (re)try of that payment.</summary>
    private const string KeyPrefix = "invoice";

    public static string IdempotencyKey(Guid paymentId) => OffSessionCharge.Key(KeyPrefix, paymentId);

    /// <param name="onlyIfDue">The worker's call: re-checked under the lock, since another pass may have just tried (and rescheduled) it.</param>
    private async Task<InvoiceCollection> CollectAsync(Guid invoiceId, string? userId, bool onlyIfDue, CancellationToken ct)
    {
        if (!availability.CanTakePayments)
            return new InvoiceCollection(InvoiceCollectionOutcome.ProviderError, null, null, PaymentsAvailability.NotConfiguredMessage); // no attempt recorded
        var now = clock.GetUtcNow().UtcDateTime;
        var attempt = await writes.RunAsync((scope, ct) => ClaimAttemptAsync(scope, invoiceId, userId, onlyIfDue, now, ct), ct);
        if (attempt.Done is { } done)
            return done;
        var (invoice, payment, card) = (attempt.Invoice!, attempt.Payment!, attempt.Card!);
        if (attempt.Redrive)
            log.LogWarning("Invoice {Invoice}: payment {PaymentId} was left pending; charging it again with its own key", invoice.DisplayNumber, payment.Id);
        else
            log.LogInformation("Invoice {Invoice}: attempt {Attempt} charges {Amount} µ$ as payment {PaymentId}",
                invoice.DisplayNumber, invoice.PaymentAttempts, payment.AmountMicros, payment.Id);
        return await ChargeAsync(invoice, payment, card, ct);
    }

    /// <summary>What the claim decided: an answer with nothing to charge, or the attempt to charge (a new one, or an abandoned one re-driven).</summary>
    private sealed record Attempt(InvoiceCollection? Done, Invoice? Invoice = null, Payment? Payment = null, PaymentMethod? Card = null, bool Redrive = false);

    /// <summary>Under the invoice's row lock (SQLite: the write lock), so concurrent collectors queue: claims one attempt and records its payment.</summary>
    private async Task<Attempt> ClaimAttemptAsync(WriteScope scope, Guid invoiceId, string? userId, bool onlyIfDue, DateTime now, CancellationToken ct)
    {
        var db = scope.Db;
        if (!await scope.LockAsync<Invoice>(i => i.Id, invoiceId, ct))
            return new Attempt(new InvoiceCollection(InvoiceCollectionOutcome.NotFound, null, null));
        var invoice = await db.Invoices.SingleAsync(i => i.Id == invoiceId, ct);
        if (!invoice.IsPayable || (onlyIfDue && !await IsDueAsync(db, invoice, now, ct)))
            return new Attempt(new InvoiceCollection(InvoiceCollectionOutcome.NothingToDo, invoice, null));

        var inFlight = await db.Payments.Where(p => p.InvoiceId == invoiceId && (p.Status == PaymentStatus.Pending || p.Status == PaymentStatus.Processing))
            .OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(ct);
        if (inFlight is not null)
        {
            // Processing is the provider's to settle; a fresh Pending attempt is at the provider right now.
            if (inFlight.Status == PaymentStatus.Processing || inFlight.UpdatedAt > now - StaleAfter || inFlight.PaymentMethodId is null)
                return new Attempt(new InvoiceCollection(InvoiceCollectionOutcome.NothingToDo, invoice, inFlight));
            // Abandoned: claim the re-drive (the bump makes it fresh for everyone else) and charge it again with its own key.
            inFlight.UpdatedAt = now;
            invoice.NextPaymentAttemptAt = now + StaleAfter;
            var inFlightCard = await db.PaymentMethods.AsNoTracking().SingleAsync(m => m.Id == inFlight.PaymentMethodId, ct);
            return new Attempt(null, invoice, inFlight, inFlightCard, Redrive: true);
        }

        if (await DefaultCardAsync(db, invoice.WorkspaceId, now, ct) is not { } card)
            return new Attempt(new InvoiceCollection(InvoiceCollectionOutcome.NoPaymentMethod, invoice, null,
                "There is no usable default card. Add a card or make one the default."));
        Dunning.EnsureChargeable(invoice.TotalMicros);
        var attempt = invoice.PaymentAttempts + 1;
        var payment = NewPayment(invoice, attempt, card, userId, now);
        db.Payments.Add(payment);
        invoice.PaymentAttempts = attempt;
        invoice.LastPaymentId = payment.Id;
        // Until the attempt settles; if it never does (a crash), the worker re-drives it then.
        invoice.NextPaymentAttemptAt = now + StaleAfter;
        return new Attempt(null, invoice, payment, card);
    }

    private async Task<InvoiceCollection> ChargeAsync(Invoice invoice, Payment payment, PaymentMethod card, CancellationToken ct)
    {
        var (outcome, recorded, message) = await OffSessionCharge.ChargeAndRecordAsync(gateway, fulfilment, payment, card, KeyPrefix, ct);
        switch (outcome)
        {
            case OffSessionOutcome.Succeeded:
                return new InvoiceCollection(InvoiceCollectionOutcome.Paid, await InvoiceAsync(invoice.Id, ct), recorded!.Payment ?? payment);
            case OffSessionOutcome.Processing:
                await UnscheduleAsync(invoice.Id, payment.Id, ct); // the provider's callback settles it
                return new InvoiceCollection(InvoiceCollectionOutcome.Processing, await InvoiceAsync(invoice.Id, ct), recorded!.Payment ?? payment);
            case OffSessionOutcome.Declined or OffSessionOutcome.AuthenticationRequired:
                return new InvoiceCollection(InvoiceCollectionOutcome.Failed, await InvoiceAsync(invoice.Id, ct), recorded!.Payment ?? payment, message);
            default:
                // The charge may or may not exist: the payment stays Pending and is re-driven with the same key later.
                log.LogError("Invoice {Invoice}: payment {PaymentId} got provider error {Error}; will re-drive with the same key",
                    invoice.DisplayNumber, payment.Id, message);
                return new InvoiceCollection(InvoiceCollectionOutcome.ProviderError, invoice, payment,
                    "The payment provider could not be reached. We'll try again shortly.");
        }
    }

    /// <summary>An attempt is due, or the retries ran out and a different card is the default now.</summary>
    private static async Task<bool> IsDueAsync(BillingDbContext db, Invoice invoice, DateTime now, CancellationToken ct)
    {
        if (invoice.NextPaymentAttemptAt is { } at)
            return at <= now;
        if (invoice.LastPaymentId is not { } last)
            return false;
        var failedOn = await db.Payments.Where(p => p.Id == last && p.Status == PaymentStatus.Failed).Select(p => p.PaymentMethodId).FirstOrDefaultAsync(ct);
        return failedOn is not null && await DefaultCardAsync(db, invoice.WorkspaceId, now, ct) is { } card && card.Id != failedOn;
    }

    /// <summary>The default card, if it is on file and not expired; cards are never picked silently otherwise.</summary>
    private static async Task<PaymentMethod?> DefaultCardAsync(BillingDbContext db, Guid workspaceId, DateTime now, CancellationToken ct)
    {
        var card = await db.PaymentMethods.AsNoTracking().FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.IsDefault && m.RemovedAt == null, ct);
        return card is not null && !card.IsExpired(now) ? card : null;
    }

    private Payment NewPayment(Invoice invoice, int attempt, PaymentMethod card, string? userId, DateTime now) => new()
    {
        WorkspaceId = invoice.WorkspaceId,
        Purpose = PaymentPurpose.Invoice,
        InvoiceId = invoice.Id,
        Provider = gateway.Provider,
        LiveMode = gateway.LiveMode,
        AmountMicros = invoice.TotalMicros,
        Currency = invoice.Currency,
        Status = PaymentStatus.Pending,
        RequestKey = $"invoice:{invoice.Id}:{attempt}",
        Description = $"Invoice {invoice.DisplayNumber}",
        PaymentMethodId = card.Id,
        CardDescription = card.Display,
        CreatedByUserId = userId,
        CreatedAt = now,
        UpdatedAt = now,
    };

    private async Task UnscheduleAsync(Guid invoiceId, Guid paymentId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Only while the attempt is still processing: a failure reported meanwhile has scheduled the next one.
        await db.Invoices.Where(i => i.Id == invoiceId && i.LastPaymentId == paymentId && (i.Status == InvoiceStatus.Open || i.Status == InvoiceStatus.PastDue)
                && db.Payments.Any(p => p.Id == paymentId && p.Status == PaymentStatus.Processing))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.NextPaymentAttemptAt, (DateTime?)null), ct);
    }

    private async Task<Invoice?> InvoiceAsync(Guid invoiceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invoiceId, ct);
    }
}
