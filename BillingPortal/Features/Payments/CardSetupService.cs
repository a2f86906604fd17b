using BillingPortal.Data;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments.Gateway;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Payments;

/// <summary>Starts "add a card": a setup checkout at the gateway that comes back to the payment page, or to the page it was started from.</summary>
public sealed class CardSetupService(IDbContextFactory<BillingDbContext> dbFactory, IPaymentGateway gateway, PaymentsAvailability availability, TimeProvider clock)
{
    /// <summary>The URL to send the customer to; they come back to the Payment page.</summary>
    /// <exception cref="PaymentsNotConfiguredException">No way to save a card on this server; nothing is written.</exception>
    public Task<string> StartAsync(Guid workspaceId, string userId, string baseUri, CancellationToken ct = default) =>
        StartAsync(workspaceId, userId, baseUri, CardSetupReturn.Payment, ct);

    /// <summary>The URL to send the customer to; they come back to <paramref name="then"/> with <c>setup={id}</c> added.</summary>
    /// <exception cref="PaymentsNotConfiguredException">No way to save a card on this server; nothing is written.</exception>
    public async Task<string> StartAsync(Guid workspaceId, string userId, string baseUri, CardSetupReturn then, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(then);
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
        var back = $"{baseUri.TrimEnd('/')}/{then.Path}";
        var separator = then.Path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var checkout = await gateway.StartCardSetupAsync(new CardSetupRequest(setup.Id, workspaceId, $"{back}{separator}setup={setup.Id}", back, email) { Then = then }, ct);
        setup.CheckoutId = checkout.CheckoutId;
        setup.CheckoutUrl = checkout.RedirectUrl;
        await db.SaveChangesAsync(ct);
        return checkout.RedirectUrl;
    }
}
