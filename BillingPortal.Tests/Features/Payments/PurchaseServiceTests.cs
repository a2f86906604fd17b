using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using static BillingPortal.Tests.Features.Payments.PaymentsFixture;

namespace BillingPortal.Tests.Features.Payments;

public class PurchaseServiceTests
{
    private const long Fifteen = 15 * Money.MicrosPerDollar;

    [Fact]
    public async Task FiveConcurrentStarts_WithOneKey_OpenOnePaymentAndOneCheckout()
    {
        await using var f = await CreateAsync();
        using var start = new Barrier(5);

        var starts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait(Ct);
            return await f.Purchases.StartAsync(f.WorkspaceId, f.OwnerId, Fifteen, "dialog-1", BaseUri, Ct);
        }, Ct)));

        Assert.All(starts, s => Assert.True(s.Started, s.Error));
        Assert.Single(starts.Select(s => s.RedirectUrl).Distinct());
        Assert.Single(starts.Select(s => s.Payment!.Id).Distinct());
        await using var db = f.Database.Open();
        var payment = Assert.Single(await db.Payments.ToListAsync(Ct));
        Assert.Equal($"/checkout/local/cs_local_{payment.Id:N}", payment.CheckoutUrl);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Empty(await f.EntriesAsync(LedgerEntryType.Purchase));
    }

    [Fact]
    public async Task DifferentKeys_AreDifferentPurchases()
    {
        await using var f = await CreateAsync();

        var one = await f.StartPurchaseAsync(Fifteen, "a");
        var two = await f.StartPurchaseAsync(Fifteen, "b");

        Assert.NotEqual(one.Id, two.Id);
        Assert.NotEqual(one.CheckoutId, two.CheckoutId);
    }

    [Fact]
    public async Task TheSameKey_WithAnotherAmount_IsRefused()
    {
        await using var f = await CreateAsync();
        await f.StartPurchaseAsync(Fifteen, "a");

        var again = await f.Purchases.StartAsync(f.WorkspaceId, f.OwnerId, 2 * Fifteen, "a", BaseUri, Ct);

        Assert.False(again.Started);
        Assert.Contains("another amount", again.Error);
    }

    [Theory]
    [InlineData(0, "Enter an amount greater than zero.")]
    [InlineData(-5_000_000, "Enter an amount greater than zero.")]
    [InlineData(4_990_000, "The minimum purchase is $5.00.")]
    [InlineData(100_000_010_000, "The maximum purchase is $100,000.00.")]
    [InlineData(5_001_000, "Use at most two decimals (whole cents).")]
    public async Task BadAmount_IsRefusedWithItsMessage_AndNothingIsWritten(long micros, string message)
    {
        await using var f = await CreateAsync();

        var start = await f.Purchases.StartAsync(f.WorkspaceId, f.OwnerId, micros, "bad", BaseUri, Ct);

        Assert.False(start.Started);
        Assert.Equal(message, start.Error);
        await using var db = f.Database.Open();
        Assert.Empty(await db.Payments.ToListAsync(Ct));
    }

    [Theory]
    [InlineData("abc", "Enter the amount as a number of dollars, such as 25 or 25.50.")]
    [InlineData("-5", "Enter an amount greater than zero.")]
    [InlineData("0", "Enter an amount greater than zero.")]
    [InlineData("5.001", "Use at most two decimals (whole cents).")]
    [InlineData("4.99", "The minimum purchase is $5.00.")]
    [InlineData("100000.01", "The maximum purchase is $100,000.00.")]
    [InlineData("", "Enter an amount.")]
    [InlineData("1e5", "Enter the amount as a number of dollars, such as 25 or 25.50.")]
    public void Parse_BadText_SaysWhy(string text, string message)
    {
        var (micros, error) = PurchaseRules.Parse(text);
        Assert.Null(micros);
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData("$1,000", 1_000_000_000)]
    [InlineData("25.50", 25_500_000)]
    [InlineData(" 5 ", 5_000_000)]
    [InlineData("100000", 100_000_000_000)]
    public void Parse_GoodText_IsMicros(string text, long micros) => Assert.Equal((micros, null), PurchaseRules.Parse(text));
}
