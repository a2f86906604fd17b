using BillingPortal.Data;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments.Gateway;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Payments;

/// <summary>Starts "add a card": a setup checkout at the gateway that comes back to the payment page.</summary>
public sealed class CardSetupService(IDbContextFactory<BillingDbContext> dbFactory, IPaymentGateway gateway, PaymentsAvailability availability, TimeProvider clock)
{
    /// <summary>The URL to send the customer to.</summary>
    /// <exception cref="PaymentsNotConfiguredException">No way to save a card on this server; nothing is written.</exception>
    public async Task<string> StartAsync(Guid workspaceId, string userId, string baseUri, CancellationToken ct = default)
    {
        if (!availability.CanTakePayments)
            throw new PaymentsNotConfiguredException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var setup = new CardSetup
        {
            WorkspaceId = workspaceId,
            Provider = gateway.Provider,
            Status = CardSetupStatus.Pending,
            CreatedByUserId = userId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.CardSetups.Add(setup);
        await db.SaveChangesAsync(ct);

        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        var back = $"{baseUri.TrimEnd('/')}/billing/payment";
        var checkout = await gateway.StartCardSetupAsync(new CardSetupRequest(setup.Id, workspaceId, $"{back}?setup={setup.Id}", back, email), ct);
        setup.CheckoutId = checkout.CheckoutId;
        setup.CheckoutUrl = checkout.RedirectUrl;
        await db.SaveChangesAsync(ct);
        return checkout.RedirectUrl;
    }
}
