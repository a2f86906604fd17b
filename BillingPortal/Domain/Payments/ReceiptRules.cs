namespace BillingPortal.Domain.Payments;

/// <summary>Which card payments have a receipt, and the number it carries.</summary>
public static class ReceiptRules
{
    /// <summary>
    /// Succeeded credit purchases and automatic top-ups: what no invoice covers. An invoice payment's document is its
    /// invoice; a payment that did not succeed took no money.
    /// </summary>
    public static bool HasReceipt(PaymentPurpose purpose, PaymentStatus status) =>
        status == PaymentStatus.Succeeded && purpose is PaymentPurpose.CreditPurchase or PaymentPurpose.AutoTopUp;

    /// <summary>
    /// "RC-1A2B-3C4D-5E6F", as Stripe prints "Receipt #1234-5678": derived from the payment's id, so it needs no
    /// sequence and never changes. The id's last twelve hex digits are its random part (version 7).
    /// </summary>
    public static string Number(Guid paymentId)
    {
        var hex = paymentId.ToString("N").ToUpperInvariant()[^12..];
        return $"RC-{hex[..4]}-{hex[4..8]}-{hex[8..]}";
    }
}
