namespace BillingPortal.Domain.Payments;

/// <summary>The fields of a card form, for putting each error next to its field.</summary>
public enum CardField
{
    Number,
    Expiry,
    Cvc,
    Name,
}

/// <summary>A card as typed into a checkout form.</summary>
public sealed record CardInput(string? Number, string? Expiry, string? Cvc, string? Name);

/// <summary>A checked card: its errors by field (empty when valid) and what was read from it.</summary>
public sealed record CardCheck(IReadOnlyDictionary<CardField, string> Errors, string Digits, string? Brand, int ExpMonth, int ExpYear)
{
    public bool IsValid => Errors.Count == 0;
    public string Last4 => Digits.Length >= 4 ? Digits[^4..] : Digits;
}

/// <summary>Why a card was refused, as Stripe words it: its code (<c>card_declined</c>, …) and the message for people.</summary>
public sealed record CardDecline(string Code, string Message);

/// <summary>
/// Card validation as a hosted checkout does it (brand, length, Luhn, expiry, CVC), and how the local gateway's
/// test cards behave, after Stripe's published test numbers. Pure: no I/O, the time is passed in.
/// </summary>
public static class CardRules
{
    public const string Succeeds = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string DeclinesAfterAttach = "4000000000000341";
    public const string RequiresAuthentication = "4000002760003184";

    public static readonly CardDecline GenericDecline = new("card_declined", "Your card was declined.");
    public static readonly CardDecline NoFunds = new("insufficient_funds", "Your card has insufficient funds.");
    public static readonly CardDecline AuthenticationRequired = new("authentication_required", "This payment requires authentication.");

    /// <summary>The card's digits without the spaces people type between groups; null when anything else is in it.</summary>
    public static string? Digits(string? text)
    {
        var stripped = (text ?? "").Replace(" ", "", StringComparison.Ordinal);
        return stripped.All(char.IsAsciiDigit) ? stripped : null;
    }

    /// <summary>The brand as Stripe names it (visa, mastercard, amex, discover, diners, jcb, unionpay), or null.</summary>
    public static string? Brand(string digits)
    {
        int Prefix(int length) => digits.Length >= length ? int.Parse(digits.AsSpan(0, length), provider: null) : -1;
        if (digits.StartsWith('4')) return "visa";
        if (Prefix(2) is >= 51 and <= 55 || Prefix(4) is >= 2221 and <= 2720) return "mastercard";
        if (Prefix(2) is 34 or 37) return "amex";
        if (digits.StartsWith("6011", StringComparison.Ordinal) || digits.StartsWith("65", StringComparison.Ordinal)) return "discover";
        if (Prefix(2) == 36 || Prefix(3) is >= 300 and <= 305) return "diners";
        if (Prefix(4) is >= 3528 and <= 3589) return "jcb";
        if (digits.StartsWith("62", StringComparison.Ordinal)) return "unionpay";
        return null;
    }

    /// <summary>The lengths a brand's numbers have.</summary>
    public static IReadOnlyList<int> Lengths(string brand) => brand switch
    {
        "amex" => [15],
        "diners" => [14, 16],
        "unionpay" => [16, 17, 18, 19],
        _ => [16],
    };

    public static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return digits.Length > 0 && sum % 10 == 0;
    }

    public static string? ValidateNumber(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "Enter your card number.";
        if (Digits(text) is not { } digits)
            return "Your card number may contain only digits.";
        if (Brand(digits) is not { } brand)
            return "Your card number is invalid.";
        var lengths = Lengths(brand);
        if (digits.Length < lengths.Min())
            return "Your card number is incomplete.";
        if (!lengths.Contains(digits.Length))
            return "Your card number is too long.";
        return PassesLuhn(digits) ? null : "Your card number is invalid.";
    }

    /// <summary>Reads "MM/YY" (spaces around the slash allowed): the error, or null with the month and four-digit year.</summary>
    public static string? ValidateExpiry(string? text, DateTime now, out int month, out int year)
    {
        month = 0;
        year = 0;
        if (string.IsNullOrWhiteSpace(text))
            return "Enter your card's expiration date.";
        var parts = text.Replace(" ", "", StringComparison.Ordinal).Split('/');
        if (parts is not [{ Length: 1 or 2 } mm, { Length: 2 } yy] || !mm.All(char.IsAsciiDigit) || !yy.All(char.IsAsciiDigit))
            return "Your card's expiration date is incomplete. Use MM / YY.";
        month = int.Parse(mm, provider: null);
        year = 2000 + int.Parse(yy, provider: null);
        if (month is < 1 or > 12)
            return "Your card's expiration month is invalid.";
        if (year < now.Year)
            return "Your card's expiration year is in the past.";
        if (year == now.Year && month < now.Month)
            return "Your card's expiration date is in the past.";
        if (year > now.Year + 20)
            return "Your card's expiration year is invalid.";
        return null;
    }

    /// <summary>Three digits, or four for American Express.</summary>
    public static string? ValidateCvc(string? text, string? brand)
    {
        var cvc = (text ?? "").Trim();
        if (cvc.Length == 0)
            return "Enter your card's security code.";
        if (!cvc.All(char.IsAsciiDigit))
            return "Your card's security code may contain only digits.";
        var length = brand == "amex" ? 4 : 3;
        if (cvc.Length < length)
            return "Your card's security code is incomplete.";
        return cvc.Length > length ? $"Your card's security code has {length} digits." : null;
    }

    public static string? ValidateName(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "Enter the name on the card." : text.Trim().Length > 100 ? "The name is too long." : null;

    /// <summary>Every field checked at once, as the Pay button does.</summary>
    public static CardCheck Check(CardInput input, DateTime now)
    {
        var errors = new Dictionary<CardField, string>();
        var digits = Digits(input.Number) ?? "";
        var brand = Brand(digits);
        if (ValidateNumber(input.Number) is { } number) errors[CardField.Number] = number;
        if (ValidateExpiry(input.Expiry, now, out var month, out var year) is { } expiry) errors[CardField.Expiry] = expiry;
        if (ValidateCvc(input.Cvc, brand) is { } cvc) errors[CardField.Cvc] = cvc;
        if (ValidateName(input.Name) is { } name) errors[CardField.Name] = name;
        return new CardCheck(errors, digits, brand, month, year);
    }

    /// <summary>The number in groups as printed on the card (4-6-5 for American Express, else fours), for display while typing.</summary>
    public static string Format(string? text)
    {
        if (Digits(text) is not { } digits)
            return text ?? "";
        int[] groups = Brand(digits) == "amex" ? [4, 6, 5] : [4, 4, 4, 4, 4];
        var parts = new List<string>();
        var at = 0;
        foreach (var size in groups)
        {
            if (at >= digits.Length) break;
            var take = Math.Min(size, digits.Length - at);
            parts.Add(digits.Substring(at, take));
            at += take;
        }
        if (at < digits.Length) parts.Add(digits[at..]);
        return string.Join(' ', parts);
    }

    /// <summary>Paying at a checkout, with the cardholder present: the decline, or null when it goes through.</summary>
    public static CardDecline? CheckoutDecline(string digits) => digits switch
    {
        Declined => GenericDecline,
        InsufficientFunds => NoFunds,
        // Saves fine, but every charge is declined, this one included.
        DeclinesAfterAttach => GenericDecline,
        // The cardholder is here to authenticate, so it succeeds.
        _ => null,
    };

    /// <summary>Saving the card for later (setup mode): the decline, or null when it is saved.</summary>
    public static CardDecline? SetupDecline(string digits) => digits switch
    {
        Declined => GenericDecline,
        InsufficientFunds => NoFunds,
        _ => null,
    };

    /// <summary>How a saved card behaves on later charges.</summary>
    public static LocalCardBehavior SavedBehavior(string digits) => digits switch
    {
        DeclinesAfterAttach => LocalCardBehavior.DeclinesAfterAttach,
        RequiresAuthentication => LocalCardBehavior.RequiresAuthentication,
        _ => LocalCardBehavior.Succeeds,
    };

    /// <summary>An off-session charge of a saved card (auto top-up): the decline, or null when it succeeds.</summary>
    public static CardDecline? OffSessionDecline(LocalCardBehavior behavior) => behavior switch
    {
        LocalCardBehavior.DeclinesAfterAttach => GenericDecline,
        LocalCardBehavior.RequiresAuthentication => AuthenticationRequired,
        _ => null,
    };
}
