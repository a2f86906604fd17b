namespace BillingPortal.Domain.Payments;

/// <summary>What removing a card does: refused with a reason, or allowed and which card (if any) becomes the default.</summary>
public sealed record CardRemoval(string? Refusal, Guid? NewDefaultId)
{
    public bool Allowed => Refusal is null;
}

/// <summary>Whether a card on file may be removed, and who inherits "default". Pure: the caller loads and saves.</summary>
public static class CardRemovalRules
{
    public const string AutoTopUpDependsOnIt = "Auto top-up charges this card. Turn auto top-up off or choose another card first.";

    /// <param name="card">The card to remove (not already removed).</param>
    /// <param name="activeCards">The workspace's cards not removed, including <paramref name="card"/>.</param>
    /// <param name="settings">The workspace's credit settings; null means the defaults (auto top-up off).</param>
    public static CardRemoval Decide(PaymentMethod card, IReadOnlyCollection<PaymentMethod> activeCards, CreditSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(activeCards);
        if (IsChargedByAutoTopUp(card, settings))
            return new CardRemoval(AutoTopUpDependsOnIt, null);
        if (!card.IsDefault)
            return new CardRemoval(null, null);
        // The most recently added remaining card is the likeliest to be current.
        var heir = activeCards.Where(c => c.Id != card.Id && c.RemovedAt is null)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .FirstOrDefault();
        return new CardRemoval(null, heir?.Id);
    }

    /// <summary>Auto top-up is on and charges this card: the one it names, or the default when it names none.</summary>
    public static bool IsChargedByAutoTopUp(PaymentMethod card, CreditSettings? settings) =>
        settings is { AutoTopUpEnabled: true }
        && (settings.AutoTopUpPaymentMethodId is { } chosen ? chosen == card.Id : card.IsDefault);
}
