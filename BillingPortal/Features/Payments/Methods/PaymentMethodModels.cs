using BillingPortal.Domain.Payments;

namespace BillingPortal.Features.Payments.Methods;

/// <summary>A card on file as the payment page lists it.</summary>
public sealed record CardOnFile(
    Guid Id, string Brand, string Last4, int ExpMonth, int ExpYear, bool IsDefault, bool IsExpired, bool ChargedByAutoTopUp, DateTime AddedAt)
{
    /// <summary>"Visa •••• 4242".</summary>
    public string Display => $"{CardBrands.DisplayName(Brand)} •••• {Last4}";

    /// <summary>"04/2031".</summary>
    public string Expiry => $"{ExpMonth:00}/{ExpYear}";
}

/// <summary>What an action on the payment page did: a message for the person, and a URL to go to when there is one.</summary>
public sealed record PaymentMethodResult(bool Succeeded, string Message, string? RedirectUrl = null)
{
    public static PaymentMethodResult Refused(string message) => new(false, message);
}

/// <summary>One row of the charge history; <paramref name="InvoiceId"/> is the invoice an invoice payment pays.</summary>
public sealed record ChargeRow(
    Guid Id, DateTime CreatedAt, long AmountMicros, PaymentPurpose Purpose, string? Card, PaymentStatus Status,
    string? FailureCode, string? FailureMessage, long RefundedMicros, long DisputedMicros, Guid? InvoiceId = null)
{
    /// <summary>Where the charge's document is: its invoice, or its receipt; null while it has neither (not succeeded).</summary>
    public string? DocumentPath => InvoiceId is { } invoice ? $"billing/invoices/{invoice}"
        : ReceiptRules.HasReceipt(Purpose, Status) ? $"billing/receipts/{Id}"
        : null;

    public string DocumentLabel => InvoiceId is null ? "Receipt" : "Invoice";
}

/// <summary>One page of the charge history and how many rows there are in all.</summary>
public sealed record ChargePage(IReadOnlyList<ChargeRow> Rows, int TotalCount);

public static class PaymentPurposeLabels
{
    public static string For(PaymentPurpose purpose) => purpose switch
    {
        PaymentPurpose.CreditPurchase => "Credit purchase",
        PaymentPurpose.AutoTopUp => "Auto top-up",
        PaymentPurpose.Invoice => "Invoice",
        _ => purpose.ToString(),
    };
}
