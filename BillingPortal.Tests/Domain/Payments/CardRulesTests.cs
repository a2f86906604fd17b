using BillingPortal.Domain.Payments;

namespace BillingPortal.Tests.Domain.Payments;

public sealed class CardRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 15, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("4242424242424242", "visa")]
    [InlineData("5555555555554444", "mastercard")]
    [InlineData("2223003122003222", "mastercard")]
    [InlineData("2720990000000007", "mastercard")]
    [InlineData("378282246310005", "amex")]
    [InlineData("341111111111111", "amex")]
    [InlineData("6011111111111117", "discover")]
    [InlineData("6511111111111113", "discover")]
    [InlineData("3056930009020004", "diners")]
    [InlineData("36227206271667", "diners")]
    [InlineData("3566002020360505", "jcb")]
    [InlineData("6200000000000005", "unionpay")]
    public void Brand_FromPrefix_IsStripesName(string number, string brand) => Assert.Equal(brand, CardRules.Brand(number));

    [Theory]
    [InlineData("1234567812345670")]
    [InlineData("2220000000000000")]
    [InlineData("2721000000000000")]
    [InlineData("3060000000000000")]
    [InlineData("9999999999999995")]
    public void Brand_OfUnknownPrefix_IsNull(string number) => Assert.Null(CardRules.Brand(number));

    [Theory]
    [InlineData("4242424242424242", true)]
    [InlineData("4242424242424241", false)]
    [InlineData("378282246310005", true)]
    [InlineData("4000002760003184", true)]
    [InlineData("0", true)]
    [InlineData("", false)]
    public void Luhn_ChecksTheCheckDigit(string digits, bool valid) => Assert.Equal(valid, CardRules.PassesLuhn(digits));

    [Theory]
    [InlineData("4242 4242 4242 4242", null)]
    [InlineData("4242424242424242", null)]
    [InlineData("3782 822463 10005", null)]
    [InlineData("", "Enter your card number.")]
    [InlineData("   ", "Enter your card number.")]
    [InlineData("4242-4242-4242-4242", "Your card number may contain only digits.")]
    [InlineData("4242 abcd 4242 4242", "Your card number may contain only digits.")]
    [InlineData("9999 9999 9999 9995", "Your card number is invalid.")]
    [InlineData("4242 4242 4242", "Your card number is incomplete.")]
    [InlineData("4242 4242 4242 4242 4", "Your card number is too long.")]
    [InlineData("3782 822463 100050", "Your card number is too long.")]
    [InlineData("4242 4242 4242 4241", "Your card number is invalid.")]
    public void ValidateNumber_SaysWhatIsWrong(string number, string? message) => Assert.Equal(message, CardRules.ValidateNumber(number));

    [Theory]
    [InlineData("03 / 26", null, 3, 2026)]
    [InlineData("12/28", null, 12, 2028)]
    [InlineData("1/30", null, 1, 2030)]
    [InlineData("12 / 46", null, 12, 2046)]
    [InlineData("", "Enter your card's expiration date.", 0, 0)]
    [InlineData("1228", "Your card's expiration date is incomplete. Use MM / YY.", 0, 0)]
    [InlineData("12/2028", "Your card's expiration date is incomplete. Use MM / YY.", 0, 0)]
    [InlineData("ab/cd", "Your card's expiration date is incomplete. Use MM / YY.", 0, 0)]
    [InlineData("13/28", "Your card's expiration month is invalid.", 13, 2028)]
    [InlineData("00/28", "Your card's expiration month is invalid.", 0, 2028)]
    [InlineData("12/25", "Your card's expiration year is in the past.", 12, 2025)]
    [InlineData("02/26", "Your card's expiration date is in the past.", 2, 2026)]
    [InlineData("01/47", "Your card's expiration year is invalid.", 1, 2047)]
    public void ValidateExpiry_AgainstNow(string text, string? message, int month, int year)
    {
        Assert.Equal(message, CardRules.ValidateExpiry(text, Now, out var readMonth, out var readYear));
        if (message is null)
            Assert.Equal((month, year), (readMonth, readYear));
    }

    [Theory]
    [InlineData("123", "visa", null)]
    [InlineData("1234", "amex", null)]
    [InlineData("", "visa", "Enter your card's security code.")]
    [InlineData("12", "visa", "Your card's security code is incomplete.")]
    [InlineData("123", "amex", "Your card's security code is incomplete.")]
    [InlineData("1234", "visa", "Your card's security code has 3 digits.")]
    [InlineData("12a", "visa", "Your card's security code may contain only digits.")]
    [InlineData("123", null, null)]
    public void ValidateCvc_ThreeDigitsOrFourForAmex(string cvc, string? brand, string? message) =>
        Assert.Equal(message, CardRules.ValidateCvc(cvc, brand));

    [Fact]
    public void ValidateName_IsRequiredAndBounded()
    {
        Assert.Equal("Enter the name on the card.", CardRules.ValidateName(" "));
        Assert.Equal("The name is too long.", CardRules.ValidateName(new string('a', 101)));
        Assert.Null(CardRules.ValidateName("Ada Lovelace"));
    }

    [Fact]
    public void Check_PutsEachErrorOnItsField()
    {
        var check = CardRules.Check(new CardInput("4242", "13/30", "1", ""), Now);

        Assert.False(check.IsValid);
        Assert.Equal("Your card number is incomplete.", check.Errors[CardField.Number]);
        Assert.Equal("Your card's expiration month is invalid.", check.Errors[CardField.Expiry]);
        Assert.Equal("Your card's security code is incomplete.", check.Errors[CardField.Cvc]);
        Assert.Equal("Enter the name on the card.", check.Errors[CardField.Name]);
    }

    [Fact]
    public void Check_OfAValidCard_ReadsBrandLastFourAndExpiry()
    {
        var check = CardRules.Check(new CardInput("4242 4242 4242 4242", "04 / 29", "123", "Ada"), Now);

        Assert.True(check.IsValid);
        Assert.Equal(("visa", "4242", 4, 2029), (check.Brand, check.Last4, check.ExpMonth, check.ExpYear));
    }

    [Theory]
    [InlineData("4242424242424242", "4242 4242 4242 4242")]
    [InlineData("42424", "4242 4")]
    [InlineData("378282246310005", "3782 822463 10005")]
    [InlineData("4242 42", "4242 42")]
    [InlineData("42x", "42x")]
    public void Format_GroupsAsPrinted(string typed, string shown) => Assert.Equal(shown, CardRules.Format(typed));

    [Theory]
    [InlineData(CardRules.Succeeds, null, null)]
    [InlineData(CardRules.Declined, "card_declined", "Your card was declined.")]
    [InlineData(CardRules.InsufficientFunds, "insufficient_funds", "Your card has insufficient funds.")]
    [InlineData(CardRules.DeclinesAfterAttach, "card_declined", "Your card was declined.")]
    [InlineData(CardRules.RequiresAuthentication, null, null)]
    [InlineData("5555555555554444", null, null)]
    public void CheckoutDecline_WithTheCardholderPresent(string number, string? code, string? message)
    {
        var decline = CardRules.CheckoutDecline(number);
        Assert.Equal(code, decline?.Code);
        Assert.Equal(message, decline?.Message);
    }

    [Theory]
    [InlineData(CardRules.Succeeds, null)]
    [InlineData(CardRules.Declined, "card_declined")]
    [InlineData(CardRules.InsufficientFunds, "insufficient_funds")]
    [InlineData(CardRules.DeclinesAfterAttach, null)]
    [InlineData(CardRules.RequiresAuthentication, null)]
    public void SetupDecline_OnlyCardsThatCannotBeSaved(string number, string? code) =>
        Assert.Equal(code, CardRules.SetupDecline(number)?.Code);

    [Theory]
    [InlineData(CardRules.Succeeds, LocalCardBehavior.Succeeds, null)]
    [InlineData("5555555555554444", LocalCardBehavior.Succeeds, null)]
    [InlineData(CardRules.DeclinesAfterAttach, LocalCardBehavior.DeclinesAfterAttach, "Your card was declined.")]
    [InlineData(CardRules.RequiresAuthentication, LocalCardBehavior.RequiresAuthentication, "This payment requires authentication.")]
    public void SavedCard_OffSession_BehavesAsItsTestNumber(string number, LocalCardBehavior behavior, string? message)
    {
        Assert.Equal(behavior, CardRules.SavedBehavior(number));
        Assert.Equal(message, CardRules.OffSessionDecline(behavior)?.Message);
    }
}
