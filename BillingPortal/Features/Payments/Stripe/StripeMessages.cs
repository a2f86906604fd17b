namespace BillingPortal.Features.Payments.Stripe;

/// <summary>Stripe outcomes in words for people, in one place.</summary>
public static class StripeMessages
{
    public const string Declined = "The card was declined.";
    public const string AuthenticationRequired = "The card needs the cardholder to authenticate, so it cannot be charged automatically.";
    public const string Unavailable = "Stripe could not be reached; the charge will be retried.";
    public const string AsyncPaymentFailed = "The payment did not complete.";
}
