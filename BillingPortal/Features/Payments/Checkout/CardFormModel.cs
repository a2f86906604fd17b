using BillingPortal.Domain.Payments;

namespace BillingPortal.Features.Payments.Checkout;

/// <summary>What the card form holds while someone types; checked by <see cref="CardRules"/> on submit.</summary>
public sealed class CardFormModel
{
    public string? Number { get; set; }
    public string? Expiry { get; set; }
    public string? Cvc { get; set; }
    public string? Name { get; set; }

    public CardInput ToInput() => new(Number, Expiry, Cvc, Name);

    /// <summary>"1228" or "12/28" as "12 / 28"; anything else as typed, for the rules to judge.</summary>
    public static string? FormatExpiry(string? text)
    {
        var digits = new string((text ?? "").Where(char.IsAsciiDigit).ToArray());
        var onlyDigitsAndSlash = (text ?? "").All(c => char.IsAsciiDigit(c) || c is '/' or ' ');
        return onlyDigitsAndSlash && digits.Length == 4 ? $"{digits[..2]} / {digits[2..]}" : text;
    }
}
