using BillingPortal.Domain;

namespace BillingPortal.Tests.Domain;

public sealed class LedgerRulesTests
{
    [Theory]
    [InlineData(DebitMode.RequireFunds)]
    [InlineData(DebitMode.AllowOverdraft)]
    public void SplitDebit_WithinAllowance_TakesItAllFromAllowance(DebitMode mode) =>
        Assert.Equal(new DebitSplit(300, 0), LedgerRules.SplitDebit(allowanceMicros: 1_000, creditMicros: 5_000, amountMicros: 300, mode));

    [Fact]
    public void SplitDebit_BeyondAllowance_SpendsAllowanceFirstThenCredits()
    {
        var split = LedgerRules.SplitDebit(allowanceMicros: 1_000, creditMicros: 5_000, amountMicros: 2_500, DebitMode.RequireFunds);
        Assert.Equal(new DebitSplit(1_000, 1_500), split);
        Assert.Equal(2_500, split!.Value.TotalMicros);
    }

    [Fact]
    public void SplitDebit_ExactlyCovered_IsApplied() =>
        Assert.Equal(new DebitSplit(1_000, 5_000), LedgerRules.SplitDebit(1_000, 5_000, 6_000, DebitMode.RequireFunds));

    [Fact]
    public void SplitDebit_OneMicroShort_IsRefused() =>
        Assert.Null(LedgerRules.SplitDebit(1_000, 5_000, 6_001, DebitMode.RequireFunds));

    [Fact]
    public void SplitDebit_Overdraft_TakesCreditsBelowZero() =>
        Assert.Equal(new DebitSplit(1_000, 5_001), LedgerRules.SplitDebit(1_000, 0, 6_001, DebitMode.AllowOverdraft));

    [Fact]
    public void SplitDebit_OverdraftWhenAlreadyNegative_KeepsGoingDown() =>
        Assert.Equal(new DebitSplit(0, 700), LedgerRules.SplitDebit(0, -5_000, 700, DebitMode.AllowOverdraft));

    [Fact]
    public void SplitDebit_RequireFundsWithOverdrawnCredits_CountsTheDebtAgainstTheAllowance()
    {
        // 10 of allowance and -5 of credits leave 5 spendable: 8 would take the total to -3.
        Assert.Null(LedgerRules.SplitDebit(10, -5, 8, DebitMode.RequireFunds));
        Assert.Equal(new DebitSplit(5, 0), LedgerRules.SplitDebit(10, -5, 5, DebitMode.RequireFunds));
    }

    [Fact]
    public void SplitDebit_AtTheEdgesOfLong_DoesNotOverflow()
    {
        Assert.Equal(new DebitSplit(5, 0), LedgerRules.SplitDebit(long.MaxValue, long.MaxValue, 5, DebitMode.RequireFunds));
        Assert.Null(LedgerRules.SplitDebit(0, long.MinValue, 1, DebitMode.RequireFunds));
        Assert.Equal(new DebitSplit(0, long.MaxValue), LedgerRules.SplitDebit(0, long.MaxValue, long.MaxValue, DebitMode.RequireFunds));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void SplitDebit_NonPositiveAmount_IsRejected(long amount)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LedgerRules.SplitDebit(1_000, 1_000, amount, DebitMode.AllowOverdraft));
        Assert.Contains("positive number of micro-USD", error.Message);
    }

    [Fact]
    public void SplitDebit_NegativeAllowance_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LedgerRules.SplitDebit(-1, 1_000, 10, DebitMode.RequireFunds));

    [Fact]
    public void SplitDebit_UnknownMode_IsRejectedRatherThanOverdrawn()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LedgerRules.SplitDebit(0, 0, 10, (DebitMode)7));
        Assert.Contains("Unknown debit mode 7", error.Message);
    }

    [Theory]
    [InlineData(3_000, 10_000, 7_000)]
    [InlineData(10_000, 10_000, 0)]
    [InlineData(12_000, 10_000, -2_000)]
    [InlineData(4_000, 0, -4_000)]
    public void AllowanceResetDelta_SetsTheFullAmount(long current, long full, long delta) =>
        Assert.Equal(delta, LedgerRules.AllowanceResetDelta(current, full));

    [Fact]
    public void AllowanceResetDelta_Negative_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LedgerRules.AllowanceResetDelta(0, -1));

    [Theory]
    [InlineData(LedgerEntryType.Purchase, 1)]
    [InlineData(LedgerEntryType.AutoTopUp, 10_000_000)]
    [InlineData(LedgerEntryType.Grant, 5)]
    [InlineData(LedgerEntryType.Refund, -1)]
    [InlineData(LedgerEntryType.Dispute, -20_000_000)]
    [InlineData(LedgerEntryType.Adjustment, 3)]
    [InlineData(LedgerEntryType.Adjustment, -3)]
    public void ValidateCreditPosting_RightSign_IsAccepted(LedgerEntryType type, long amount)
    {
        var error = Record.Exception(() => LedgerRules.ValidateCreditPosting(type, amount));
        Assert.Null(error);
    }

    [Theory]
    [InlineData(LedgerEntryType.Purchase, 0)]
    [InlineData(LedgerEntryType.Purchase, -1)]
    [InlineData(LedgerEntryType.AutoTopUp, -5)]
    [InlineData(LedgerEntryType.Grant, 0)]
    [InlineData(LedgerEntryType.Refund, 1)]
    [InlineData(LedgerEntryType.Refund, 0)]
    [InlineData(LedgerEntryType.Dispute, 7)]
    [InlineData(LedgerEntryType.Adjustment, 0)]
    public void ValidateCreditPosting_WrongSign_IsRejected(LedgerEntryType type, long amount)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LedgerRules.ValidateCreditPosting(type, amount));
        Assert.Contains($"A {type} entry cannot move {amount} micro-USD", error.Message);
    }

    [Theory]
    [InlineData(LedgerEntryType.Usage)]
    [InlineData(LedgerEntryType.AllowanceReset)]
    public void ValidateCreditPosting_TypesThatAreNotCreditMovements_AreRejected(LedgerEntryType type)
    {
        var error = Assert.Throws<ArgumentException>(() => LedgerRules.ValidateCreditPosting(type, 100));
        Assert.Contains("is not posted as a credit movement", error.Message);
    }

    [Theory]
    [InlineData("", "Usage", null, "needs an idempotency key")]
    [InlineData("  ", "Usage", null, "needs an idempotency key")]
    [InlineData("k", " ", null, "needs a description")]
    [InlineData("k", "Usage", "r", null)]
    public void ValidateEntryText_ChecksPresence(string key, string description, string? reference, string? message)
    {
        var error = Record.Exception(() => LedgerRules.ValidateEntryText(key, description, reference));
        if (message is null)
            Assert.Null(error);
        else
            Assert.Contains(message, Assert.IsType<ArgumentException>(error).Message);
    }

    [Fact]
    public void ValidateEntryText_BeyondTheColumnSizes_SaysWhichAndHowLong()
    {
        var key = Assert.Throws<ArgumentException>(() => LedgerRules.ValidateEntryText(new string('k', 201), "d", null));
        Assert.Contains("at most 200 characters; this one has 201", key.Message);
        var description = Assert.Throws<ArgumentException>(() => LedgerRules.ValidateEntryText("k", new string('d', 301), null));
        Assert.Contains("at most 300 characters; this one has 301", description.Message);
        var reference = Assert.Throws<ArgumentException>(() => LedgerRules.ValidateEntryText("k", "d", new string('r', 201)));
        Assert.Equal("reference", reference.ParamName);
        var longest = Record.Exception(() => LedgerRules.ValidateEntryText(new string('k', 200), new string('d', 300), new string('r', 200)));
        Assert.Null(longest);
    }
}
