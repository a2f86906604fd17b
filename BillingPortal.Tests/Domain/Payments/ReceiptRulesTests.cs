using BillingPortal.Domain.Payments;

namespace BillingPortal.Tests.Domain.Payments;

public sealed class ReceiptRulesTests
{
    [Theory]
    [InlineData(PaymentPurpose.CreditPurchase, PaymentStatus.Succeeded, true)]
    [InlineData(PaymentPurpose.AutoTopUp, PaymentStatus.Succeeded, true)]
    [InlineData(PaymentPurpose.Invoice, PaymentStatus.Succeeded, false)] // its document is the invoice
    [InlineData(PaymentPurpose.CreditPurchase, PaymentStatus.Pending, false)]
    [InlineData(PaymentPurpose.CreditPurchase, PaymentStatus.Processing, false)]
    [InlineData(PaymentPurpose.AutoTopUp, PaymentStatus.Failed, false)]
    [InlineData(PaymentPurpose.CreditPurchase, PaymentStatus.Canceled, false)]
    public void OnlyMoneyTaken_WithoutAnInvoice_HasAReceipt(PaymentPurpose purpose, PaymentStatus status, bool expected) =>
        Assert.Equal(expected, ReceiptRules.HasReceipt(purpose, status));

    [Fact]
    public void Number_IsTheIdsRandomTail_InGroupsOfFour() =>
        Assert.Equal("RC-8ABC-DEF0-1234", ReceiptRules.Number(Guid.Parse("0195e3a0-1111-7222-b333-8abcdef01234")));

    [Fact]
    public void Number_IsStable_AndDiffersBetweenPayments()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => Guid.CreateVersion7()).ToList();
        var numbers = ids.Select(ReceiptRules.Number).ToList();
        Assert.Equal(numbers, ids.Select(ReceiptRules.Number));
        Assert.Equal(ids.Count, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches("^RC-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$", n));
    }
}
