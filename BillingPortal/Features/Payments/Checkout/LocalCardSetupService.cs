using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Features.Payments.Local;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Payments.Checkout;

/// <summary>A local "add a card" checkout as its page shows it.</summary>
public sealed record LocalSetupView(Guid SetupId, CardSetupStatus Status, string DonePath, string BackPath);

/// <param name="Errors">Field errors (a declined card is an error on the number, as a hosted checkout shows it).</param>
/// <param name="DonePath">Where to go once the card is saved.</param>
public sealed record SaveCardResult(bool Found, IReadOnlyDictionary<CardField, string>? Errors = null, string? DonePath = null)
{
    public bool Saved => Found && Errors is null;
}

/// <summary>
/// The local setup checkout: saves a test card for later off-session charges, in the vault (its behaviour) and on file
/// (<see cref="PaymentMethodStore"/>). The vault token is derived from the setup, so a double submit saves one card.
/// </summary>
public sealed class LocalCardSetupService(
    IDbContextFactory<BillingDbContext> dbFactory,
    IAuthorizationService authorization,
    LocalCardVault vault,
    PaymentMethodStore methods,
    PaymentsAvailability availability,
    TimeProvider clock)
{
    public static string DonePath(Guid setupId) => CardSetupReturn.Payment.DonePath(setupId);

    /// <param name="then">Where the setup was started from; the Payment page when not said.</param>
    public async Task<LocalSetupView?> FindAsync(ClaimsPrincipal user, string checkoutId, CardSetupReturn? then = null, CancellationToken ct = default)
    {
        then ??= CardSetupReturn.Payment;
        return await FindSetupAsync(user, checkoutId, ct) is { } setup
            ? new LocalSetupView(setup.Id, setup.Status, then.DonePath(setup.Id), "/" + then.Path)
            : null;
    }

    /// <param name="then">Where to come back to once the card is saved; the Payment page when not said.</param>
    public async Task<SaveCardResult> SaveAsync(ClaimsPrincipal user, string checkoutId, CardInput card, CardSetupReturn? then = null, CancellationToken ct = default)
    {
        then ??= CardSetupReturn.Payment;
        if (await FindSetupAsync(user, checkoutId, ct) is not { } setup)
            return new SaveCardResult(false);
        if (setup.Status == CardSetupStatus.Completed)
            return new SaveCardResult(true, DonePath: then.DonePath(setup.Id));

        var check = CardRules.Check(card, clock.GetUtcNow().UtcDateTime);
        if (!check.IsValid)
            return new SaveCardResult(true, check.Errors);
        if (CardRules.SetupDecline(check.Digits) is { } decline)
            return new SaveCardResult(true, new Dictionary<CardField, string> { [CardField.Number] = decline.Message });

        var token = await vault.SaveAsync(CardRules.SavedBehavior(check.Digits), $"card_local_{setup.Id:N}", ct);
        await methods.AttachAsync(new CardAttach(setup.WorkspaceId, PaymentProvider.Local, token,
            check.Brand!, check.Last4, check.ExpMonth, check.ExpYear, setup.Id)
        {
            // The local checkout is a page of this app, filled in by the signed-in user.
            By = BillingPortal.Features.Activity.ScopeAuditContext.FromUser(user, BillingPortal.Domain.Audit.AuditSource.Page, null),
        }, ct);
        return new SaveCardResult(true, DonePath: then.DonePath(setup.Id));
    }

    private async Task<CardSetup?> FindSetupAsync(ClaimsPrincipal user, string checkoutId, CancellationToken ct)
    {
        if (!availability.LocalCheckoutOn)
            return null; // a real deployment without the opt-in: no test card is saved here
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var setup = await db.CardSetups.AsNoTracking()
            .FirstOrDefaultAsync(s => s.CheckoutId == checkoutId && s.Provider == PaymentProvider.Local, ct);
        if (setup is null || !(await authorization.AuthorizeAsync(user, setup.WorkspaceId, BillingPolicies.Manage)).Succeeded)
            return null;
        return setup;
    }
}
