using BillingPortal.Domain;
using BillingPortal.Domain.Payments;

namespace BillingPortal.Tests.Domain.Payments;

public class AutoTopUpRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 15, 12, 0, 0, DateTimeKind.Utc);
    private static readonly PaymentMethod Visa = new() { ProviderMethodId = "pm_1", Brand = "visa", Last4 = "4242", ExpMonth = 12, ExpYear = 2030, IsDefault = true };

    private static long D(decimal dollars) => Money.FromDollars(dollars).Micros;

    private static AutoTopUpChange Change(decimal threshold = 10, decimal amount = 25, decimal cap = 100, bool enabled = true) =>
        new(enabled, D(threshold), D(amount), D(cap), null);

    [Fact]
    public void Validate_AcceptsASensibleSetting() =>
        Assert.Empty(AutoTopUpRules.Validate(Change(), Visa, Now));

    [Theory]
    [InlineData(0, 5, 5)]            // threshold $0 and the smallest amount and cap
    [InlineData(25, 25, 25)]         // threshold equal to the amount, cap equal to the amount
    [InlineData(100000, 100000, 1000000)]
    public void Validate_AcceptsTheBoundaries(decimal threshold, decimal amount, decimal cap) =>
        Assert.Empty(AutoTopUpRules.Validate(Change(threshold, amount, cap), Visa, Now));

    [Fact]
    public void Validate_RefusesAThresholdAboveTheAmount() =>
        Assert.Equal("The threshold can't be above the top-up amount.", AutoTopUpRules.Validate(Change(threshold: 25.01m, amount: 25), Visa, Now)[AutoTopUpFields.Threshold]);

    [Theory]
    [InlineData(-1, "The threshold can't be negative.")]
    [InlineData(1.005, "Use at most two decimals (whole cents).")]
    [InlineData(100000.01, "The threshold can't be above $100,000.00.")]
    public void Validate_RefusesABadThreshold(decimal threshold, string message) =>
        Assert.Equal(message, AutoTopUpRules.Validate(Change(threshold: threshold, amount: 100000, cap: 1000000), Visa, Now)[AutoTopUpFields.Threshold]);

    [Theory]
    [InlineData(4.99, "The minimum top-up amount is $5.00.")]
    [InlineData(100000.01, "The maximum top-up amount is $100,000.00.")]
    [InlineData(25.001, "Use at most two decimals (whole cents).")]
    [InlineData(0, "Enter an amount greater than zero.")]
    [InlineData(-5, "Enter an amount greater than zero.")]
    public void Validate_RefusesABadAmount(decimal amount, string message)
    {
        var errors = AutoTopUpRules.Validate(Change(threshold: 0, amount: amount, cap: 1000000), Visa, Now);
        Assert.Equal(message, errors[AutoTopUpFields.Amount]);
    }

    [Theory]
    [InlineData(24.99, "The monthly cap can't be below the top-up amount.")]
    [InlineData(0, "Enter a monthly cap greater than zero.")]
    [InlineData(-100, "Enter a monthly cap greater than zero.")]
    [InlineData(100.001, "Use at most two decimals (whole cents).")]
    [InlineData(1000000.01, "The monthly cap can't be above $1,000,000.00.")]
    public void Validate_RefusesABadCap(decimal cap, string message) =>
        Assert.Equal(message, AutoTopUpRules.Validate(Change(cap: cap), Visa, Now)[AutoTopUpFields.MonthlyCap]);

    [Fact]
    public void Validate_WhenEnabling_NeedsAUsableCard()
    {
        Assert.Equal("Add a card first: auto top-up charges a card on file.", AutoTopUpRules.Validate(Change(), null, Now)[AutoTopUpFields.Card]);
        var removed = new PaymentMethod { ProviderMethodId = "pm_2", Brand = "visa", Last4 = "1111", ExpMonth = 1, ExpYear = 2030, RemovedAt = Now };
        Assert.Contains("removed", AutoTopUpRules.Validate(Change(), removed, Now)[AutoTopUpFields.Card]);
        var expired = new PaymentMethod { ProviderMethodId = "pm_3", Brand = "visa", Last4 = "0005", ExpMonth = 2, ExpYear = 2026 };
        Assert.Equal("Visa •••• 0005 has expired. Choose another card.", AutoTopUpRules.Validate(Change(), expired, Now)[AutoTopUpFields.Card]);
        // Saving it switched off needs no card.
        Assert.Empty(AutoTopUpRules.Validate(Change(enabled: false), null, Now));
    }

    [Fact]
    public void Validate_ACardExpiringThisMonth_IsStillUsable() =>
        Assert.Empty(AutoTopUpRules.Validate(Change(), new PaymentMethod { ProviderMethodId = "pm_4", Brand = "visa", Last4 = "1", ExpMonth = 3, ExpYear = 2026 }, Now));

    [Theory]
    [InlineData(0, null)]
    [InlineData(100000, null)]
    [InlineData(-0.01, "The alert threshold can't be negative.")]
    [InlineData(5.555, "Use at most two decimals (whole cents).")]
    [InlineData(100000.01, "The alert threshold can't be above $100,000.00.")]
    public void ValidateLowBalanceThreshold_KeepsItBetweenZeroAndTheMaximum(decimal threshold, string? message) =>
        Assert.Equal(message, AutoTopUpRules.ValidateLowBalanceThreshold(D(threshold)));

    [Theory]
    [InlineData(10, true)]      // at the threshold: tops up (a $0 threshold tops up when nothing is left)
    [InlineData(9.99, true)]
    [InlineData(10.01, false)]
    public void ShouldStart_AtOrBelowTheThreshold(decimal spendable, bool expected) =>
        Assert.Equal(expected, AutoTopUpRules.ShouldStart(On(), D(spendable), Now));

    [Fact]
    public void ShouldStart_NotWhenOffPausedInFlightOrBeforeTheRetryIsDue()
    {
        Assert.False(AutoTopUpRules.ShouldStart(On(s => s.AutoTopUpEnabled = false), 0, Now));
        Assert.False(AutoTopUpRules.ShouldStart(On(s => s.AutoTopUpPausedAt = Now), 0, Now));
        Assert.False(AutoTopUpRules.ShouldStart(On(s => s.AutoTopUpInFlightPaymentId = Guid.NewGuid()), 0, Now));
        Assert.False(AutoTopUpRules.ShouldStart(On(s => s.AutoTopUpNextAttemptAt = Now.AddMinutes(1)), 0, Now));
        Assert.True(AutoTopUpRules.ShouldStart(On(s => s.AutoTopUpNextAttemptAt = Now), 0, Now));
    }

    [Fact]
    public void MonthWindow_IsTheCalendarMonthInUtc()
    {
        var (start, end) = AutoTopUpRules.MonthWindow(new DateTime(2026, 12, 31, 23, 59, 59, DateTimeKind.Utc));
        Assert.Equal(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), start);
        Assert.Equal(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), end);
    }

    [Theory]
    [InlineData(75, 25, 100, true)]
    [InlineData(76, 25, 100, false)]
    [InlineData(0, 25, 25, true)]
    public void FitsUnderCap_CountsWhatWasChargedPlusTheNextCharge(decimal charged, decimal amount, decimal cap, bool fits) =>
        Assert.Equal(fits, AutoTopUpRules.FitsUnderCap(D(charged), D(amount), D(cap)));

    [Fact]
    public void NextAttemptAfterFailure_BacksOffThenPauses()
    {
        Assert.Equal(Now.AddHours(1), AutoTopUpRules.NextAttemptAfterFailure(1, Now));
        Assert.Equal(Now.AddHours(6), AutoTopUpRules.NextAttemptAfterFailure(2, Now));
        Assert.Equal(Now.AddHours(24), AutoTopUpRules.NextAttemptAfterFailure(3, Now));
        Assert.Null(AutoTopUpRules.NextAttemptAfterFailure(4, Now));
        Assert.Equal(4, AutoTopUpRules.FailuresBeforePause);
    }

    [Theory]
    [InlineData("0", 0L, null)]
    [InlineData("$1,000.50", 1_000_500_000L, null)]
    [InlineData("", null, "Enter an amount.")]
    [InlineData("-5", null, "The amount can't be negative.")]
    [InlineData("ten", null, "Enter the amount as a number of dollars, such as 25 or 25.50.")]
    [InlineData("5.001", null, "Use at most two decimals (whole cents).")]
    [InlineData("99999999999999", null, "That amount is too large.")]
    public void ParseDollars_ReadsWhatPeopleType(string text, long? micros, string? error) =>
        Assert.Equal((micros, error), AutoTopUpRules.ParseDollars(text));

    private static CreditSettings On(Action<CreditSettings>? change = null)
    {
        var settings = new CreditSettings { AutoTopUpEnabled = true, AutoTopUpThresholdMicros = D(10), AutoTopUpAmountMicros = D(25), AutoTopUpMonthlyCapMicros = D(100) };
        change?.Invoke(settings);
        return settings;
    }
}
