using BillingPortal.Domain.Payments;

namespace BillingPortal.Tests.Domain.Payments;

public sealed class CardRemovalRulesTests
{
    private static readonly DateTime T0 = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    private static PaymentMethod Card(string last4, bool isDefault, int minutes) => new()
    {
        ProviderMethodId = "tok_" + last4, Brand = "visa", Last4 = last4, ExpMonth = 12, ExpYear = 2030,
        IsDefault = isDefault, CreatedAt = T0.AddMinutes(minutes),
    };

    [Fact]
    public void Remove_ANonDefaultCard_IsAllowed_AndLeavesTheDefaultAlone()
    {
        var main = Card("4242", isDefault: true, 0);
        var spare = Card("1111", isDefault: false, 1);

        var decision = CardRemovalRules.Decide(spare, [main, spare], settings: null);

        Assert.True(decision.Allowed);
        Assert.Null(decision.NewDefaultId);
    }

    [Fact]
    public void Remove_TheDefault_PromotesTheMostRecentlyAddedRemainingCard()
    {
        var oldest = Card("0001", isDefault: false, 0);
        var main = Card("4242", isDefault: true, 1);
        var newest = Card("0003", isDefault: false, 5);
        var middle = Card("0002", isDefault: false, 3);

        var decision = CardRemovalRules.Decide(main, [oldest, main, newest, middle], settings: null);

        Assert.True(decision.Allowed);
        Assert.Equal(newest.Id, decision.NewDefaultId);
    }

    [Fact]
    public void Remove_TheOnlyCard_LeavesNoDefault()
    {
        var only = Card("4242", isDefault: true, 0);

        var decision = CardRemovalRules.Decide(only, [only], new CreditSettings { AutoTopUpEnabled = false });

        Assert.True(decision.Allowed);
        Assert.Null(decision.NewDefaultId);
    }

    [Fact]
    public void Remove_TheCardAutoTopUpNames_IsRefused()
    {
        var main = Card("4242", isDefault: true, 0);
        var chosen = Card("1111", isDefault: false, 1);
        var settings = new CreditSettings { AutoTopUpEnabled = true, AutoTopUpPaymentMethodId = chosen.Id };

        var decision = CardRemovalRules.Decide(chosen, [main, chosen], settings);

        Assert.False(decision.Allowed);
        Assert.Equal(CardRemovalRules.AutoTopUpDependsOnIt, decision.Refusal);
        // The default is free to go: auto top-up charges the card it names, not the default.
        Assert.True(CardRemovalRules.Decide(main, [main, chosen], settings).Allowed);
    }

    [Fact]
    public void Remove_TheDefault_WhenAutoTopUpChargesTheDefault_IsRefused()
    {
        var main = Card("4242", isDefault: true, 0);
        var spare = Card("1111", isDefault: false, 1);
        var settings = new CreditSettings { AutoTopUpEnabled = true, AutoTopUpPaymentMethodId = null };

        Assert.False(CardRemovalRules.Decide(main, [main, spare], settings).Allowed);
        Assert.True(CardRemovalRules.Decide(spare, [main, spare], settings).Allowed);
    }

    [Fact]
    public void Remove_TheCardAutoTopUpWouldCharge_WhenAutoTopUpIsOff_IsAllowed()
    {
        var main = Card("4242", isDefault: true, 0);
        var settings = new CreditSettings { AutoTopUpEnabled = false, AutoTopUpPaymentMethodId = main.Id };

        Assert.True(CardRemovalRules.Decide(main, [main], settings).Allowed);
    }
}
