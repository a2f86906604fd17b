using BillingPortal.Domain.BillingDetails;
using Stripe;

namespace BillingPortal.Features.Payments.Stripe;

/// <summary>Stripe outcomes in words for people, in one place.</summary>
public static class StripeMessages
{
    public const string Declined = "The card was declined.";
    public const string AuthenticationRequired = "The card needs the cardholder to authenticate, so it cannot be charged automatically.";
    public const string Unavailable = "Stripe could not be reached; the charge will be retried.";
    public const string AsyncPaymentFailed = "The payment did not complete.";

    /// <summary>
    /// Stripe's refusal of a tax id (HTTP 400 <c>tax_id_invalid</c>, or <c>tax_id_prohibited</c> for a kind the country
    /// may not use), said next to the field: which kind of number, for which country, and Stripe's own reason. Null for
    /// any other error, which is not about what the person typed.
    /// </summary>
    public static string? TaxIdRefused(StripeError? error, BillingDetailsValues details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (error?.Code is not ("tax_id_invalid" or "tax_id_prohibited"))
            return null;
        var kind = TaxIdTypes.Find(details.TaxIdType)?.Label ?? "tax";
        var reason = string.IsNullOrWhiteSpace(error.Message) ? "check the number and its kind." : error.Message.Trim();
        return $"Stripe did not accept this {kind} number for {Countries.Name(details.Country)}: {reason}";
    }
}
