namespace BillingPortal.Domain.Payments;

/// <summary>How a card saved at the local checkout behaves later, after Stripe's published test cards.</summary>
public enum LocalCardBehavior
{
    /// <summary>4242 4242 4242 4242 (and any other valid number): every charge succeeds.</summary>
    Succeeds = 0,
    /// <summary>4000 0000 0000 0341: can be saved, every later charge is declined.</summary>
    DeclinesAfterAttach = 1,
    /// <summary>4000 0027 6000 3184: needs the cardholder each time, so off-session charges fail with authentication required.</summary>
    RequiresAuthentication = 2,
}

/// <summary>The local gateway's vault: the token a <see cref="PaymentMethod"/> holds and how that card behaves. Never the number.</summary>
public sealed class LocalCard
{
    public required string Token { get; init; }
    public LocalCardBehavior Behavior { get; init; }
    public DateTime CreatedAt { get; init; }
}
