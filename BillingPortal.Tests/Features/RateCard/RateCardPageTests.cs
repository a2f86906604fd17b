using System.Net;
using BillingPortal.Domain.Usage;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.RateCard;

/// <summary>Who reaches <c>/billing/rates</c> over real HTTP, and what it shows, as the demo users of Acme AI.</summary>
// Who is refused /billing/rates (and who is sent to log in) is one row of Api/AuthorizationMatrixTests.
public sealed class RateCardPageTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("owner@acme.test")]
    [InlineData("admin@acme.test")]
    [InlineData("finance@acme.test")]
    public async Task BillingReaders_SeeTheRatesInForce_AndTheRepricingNote(string email)
    {
        await EnsureRatesAsync();
        var client = await app.Factory.LoginAsync(email);

        var response = await client.GetAsync("/billing/rates", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Rate card test model", html);
        Assert.Contains("$3.00", html);
        Assert.Contains("$15.00", html);
        Assert.DoesNotContain("Rate card retired model", html);
        Assert.Contains("never reprices past usage", html);
    }

    private static readonly SemaphoreSlim Once = new(1, 1);
    // One set of rows per app; keys no default rate uses, so the seeded rate card cannot collide with them.
    private async Task EnsureRatesAsync()
    {
        await Once.WaitAsync(Ct);
        try
        {
            await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
            if (await db.CostRates.AnyAsync(r => r.Key == "rate-card-test-model", Ct))
                return;
            var now = app.Factory.Clock.GetUtcNow().UtcDateTime;
            db.CostRates.AddRange(
                Rate(UsageMetric.InputTokens, "rate-card-test-model", "Rate card test model", 3_000_000, now.AddDays(-1), null),
                Rate(UsageMetric.OutputTokens, "rate-card-test-model", "Rate card test model", 15_000_000, now.AddDays(-1), null),
                Rate(UsageMetric.InputTokens, "rate-card-retired-model", "Rate card retired model", 1_000_000, now.AddDays(-30), now.AddDays(-2)));
            await db.SaveChangesAsync(Ct);
        }
        finally
        {
            Once.Release();
        }
    }

    private static CostRate Rate(UsageMetric metric, string key, string name, long micros, DateTime from, DateTime? to) => new()
    {
        LineItem = LineItemKind.Llm, Metric = metric, Key = key, DisplayName = name, UnitPriceMicros = micros, UnitSize = 1_000_000,
        PlatformFeeBasisPoints = 500, EffectiveFrom = from, EffectiveTo = to,
    };
}
