using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain.Audit;
using BillingPortal.Features.Activity;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Payments.Methods;

/// <summary>
/// Cards on file: list, add, set default, remove, and the provider's portal. Every action checks billing:manage
/// against the workspace when it runs, so a user demoted while the page is open is refused and nothing is written.
/// </summary>
public sealed class PaymentMethodService(
    IDbContextFactory<BillingDbContext> dbFactory,
    BillingWrites writes,
    IAuthorizationService authorization,
    IPaymentGateway gateway,
    PaymentsAvailability availability,
    CardSetupService setups,
    TimeProvider clock,
    ILogger<PaymentMethodService> logger,
    AuditTrail? trail = null,
    IAuditContext? audit = null)
{
    // Built without the app's services (some tests), the writer still records, as a worker.
    private readonly AuditTrail trail = trail ?? new AuditTrail(clock);
    private readonly IAuditContext audit = audit ?? new FixedAuditContext(AuditActor.Worker());
    public const string NotAllowed = "You can no longer manage the payment methods of this workspace.";
    public const string NoSuchCard = "That card is no longer on file.";

    /// <summary>Which provider holds the cards: the "Manage in Stripe" link shows only for Stripe.</summary>
    public PaymentProvider Provider => gateway.Provider;

    /// <summary>The workspace's cards not removed, the default first. Callers check billing:read first.</summary>
    public async Task<IReadOnlyList<CardOnFile>> ListCardsAsync(Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cards = await db.PaymentMethods.AsNoTracking().Where(m => m.WorkspaceId == workspaceId && m.RemovedAt == null).ToListAsync(ct);
        var settings = await db.CreditSettings.AsNoTracking().FirstOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return [.. cards.OrderByDescending(c => c.IsDefault).ThenByDescending(c => c.CreatedAt)
            .Select(c => new CardOnFile(c.Id, c.Brand, c.Last4, c.ExpMonth, c.ExpYear, c.IsDefault, c.IsExpired(now),
                CardRemovalRules.IsChargedByAutoTopUp(c, settings), c.CreatedAt))];
    }

    /// <summary>Where a card setup stands (the page shows "Card added" or "still waiting"); null when not this workspace's.</summary>
    public async Task<CardSetupStatus?> SetupStatusAsync(Guid workspaceId, Guid setupId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CardSetups.AsNoTracking().Where(s => s.Id == setupId && s.WorkspaceId == workspaceId)
            .Select(s => (CardSetupStatus?)s.Status).FirstOrDefaultAsync(ct);
    }

    /// <summary>Makes the card the workspace's one default, in one transaction.</summary>
    public async Task<PaymentMethodResult> SetDefaultAsync(ClaimsPrincipal user, Guid workspaceId, Guid cardId, CancellationToken ct = default)
    {
        if (!await MayManageAsync(user, workspaceId))
            return PaymentMethodResult.Refused(NotAllowed);
        var by = await audit.ActorAsync(ct);
        return await writes.RunAsync(async (scope, ct) =>
        {
            var db = scope.Db;
            var previous = await db.PaymentMethods.AsNoTracking()
                .Where(m => m.WorkspaceId == workspaceId && m.RemovedAt == null && m.IsDefault).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
            var card = await db.PaymentMethods.AsNoTracking().FirstOrDefaultAsync(m => m.Id == cardId && m.WorkspaceId == workspaceId && m.RemovedAt == null, ct);
            if (card is null)
                return PaymentMethodResult.Refused(NoSuchCard);
            // One statement sets every active card's flag, so exactly one default remains whatever runs beside it.
            await db.PaymentMethods.Where(m => m.WorkspaceId == workspaceId && m.RemovedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.IsDefault, m => m.Id == cardId), ct);
            trail.RecordChangeWithin(scope, by, new AuditChange(workspaceId, AuditActions.PaymentMethodDefaultSet, cardId.ToString(), card.Display,
                new Dictionary<string, object?> { ["defaultCardId"] = previous }, new Dictionary<string, object?> { ["defaultCardId"] = cardId }));
            return new PaymentMethodResult(true, $"{card.Display} is now the default card.");
        }, ct);
    }

    /// <summary>
    /// Removes a card: refused while auto top-up charges it; a removed default hands "default" to the most recently
    /// added remaining card. The row stays (the charge history names it); the provider is told afterwards, best effort.
    /// </summary>
    public async Task<PaymentMethodResult> RemoveAsync(ClaimsPrincipal user, Guid workspaceId, Guid cardId, CancellationToken ct = default)
    {
        if (!await MayManageAsync(user, workspaceId))
            return PaymentMethodResult.Refused(NotAllowed);
        var by = await audit.ActorAsync(ct);
        var outcome = await writes.RunAsync<(PaymentMethodResult? Refusal, PaymentMethod? Removed)>(async (scope, ct) =>
        {
            var db = scope.Db;
            var active = await db.PaymentMethods.Where(m => m.WorkspaceId == workspaceId && m.RemovedAt == null).ToListAsync(ct);
            if (active.FirstOrDefault(m => m.Id == cardId) is not { } card)
                return (PaymentMethodResult.Refused(NoSuchCard), null);
            var settings = await db.CreditSettings.AsNoTracking().FirstOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct);
            var decision = CardRemovalRules.Decide(card, active, settings);
            if (!decision.Allowed)
                return (PaymentMethodResult.Refused(decision.Refusal!), null);
            card.RemovedAt = clock.GetUtcNow().UtcDateTime;
            card.IsDefault = false;
            if (decision.NewDefaultId is { } heir)
                active.Single(m => m.Id == heir).IsDefault = true;
            trail.RecordWithin(scope, by, new AuditChange(workspaceId, AuditActions.PaymentMethodRemoved, card.Id.ToString(), card.Display,
                PaymentMethodStore.Snapshot(card), null));
            return (null, card);
        }, ct);
        if (outcome.Removed is not { } removed)
            return outcome.Refusal!;
        try
        {
            await gateway.DetachPaymentMethodAsync(removed, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Our row decides: a removed card is never charged again, whatever the provider still holds.
            logger.LogWarning(ex, "Detaching card {CardId} at {Provider} failed; it stays removed here.", removed.Id, removed.Provider);
        }
        return new PaymentMethodResult(true, $"{removed.Display} was removed.");
    }

    /// <summary>Starts "add a card": the URL of the provider's setup checkout.</summary>
    /// <param name="then">Where the customer comes back to; the Payment page when not said.</param>
    public async Task<PaymentMethodResult> StartAddCardAsync(ClaimsPrincipal user, Guid workspaceId, string baseUri, CardSetupReturn? then = null, CancellationToken ct = default)
    {
        if (!await MayManageAsync(user, workspaceId))
            return PaymentMethodResult.Refused(NotAllowed);
        if (!availability.CanTakePayments)
            return PaymentMethodResult.Refused(PaymentsAvailability.NotConfiguredMessage);
        var url = await setups.StartAsync(workspaceId, user.UserId(), baseUri, then ?? CardSetupReturn.Payment, ct);
        return new PaymentMethodResult(true, "Opening the card form…", url);
    }

    /// <summary>The provider's customer portal (Stripe), or a refusal when there is none.</summary>
    public async Task<PaymentMethodResult> StartPortalAsync(ClaimsPrincipal user, Guid workspaceId, string returnUrl, CancellationToken ct = default)
    {
        if (!await MayManageAsync(user, workspaceId))
            return PaymentMethodResult.Refused(NotAllowed);
        var url = await gateway.CreatePortalUrlAsync(workspaceId, returnUrl, ct);
        return url is null
            ? PaymentMethodResult.Refused("This payment provider has no customer portal.")
            : new PaymentMethodResult(true, "Opening Stripe…", url);
    }

    private async Task<bool> MayManageAsync(ClaimsPrincipal user, Guid workspaceId) =>
        workspaceId != Guid.Empty && (await authorization.AuthorizeAsync(user, workspaceId, BillingPolicies.Manage)).Succeeded;
}
