using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingPortal.Domain;
using BillingPortal.Domain.Tokens;
using BillingPortal.Ledger;
using BillingPortal.Tests.Features.Invoices;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BillingPortal.Tests.Api.BillingApi.TokenTesting;

namespace BillingPortal.Tests.Api.BillingApi;

/// <summary>The billing API with a token, over real HTTP: what it answers agrees with the database, page by page.</summary>
public sealed class BillingApiTests(BillingAppFactoryFixture fixture) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BillingAppFactory App => fixture.Factory;

    private async Task<HttpClient> AcmeClientAsync(TokenScope scope = TokenScope.BillingRead, string email = "finance@acme.test") =>
        Client(App, await CreateAsync(App, email, await AcmeAsync(App), scope));

    [Fact]
    public async Task Status_NamesTheWalletAsTheMeteringApiDoes_WithThePlanTheDefaultCardAndAutoTopUp()
    {
        var acme = await AcmeAsync(App);
        var client = await AcmeClientAsync();

        var status = await JsonAsync(await client.GetAsync("/api/v1/billing/status", Ct));

        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        var wallet = await db.Wallets.SingleAsync(w => w.WorkspaceId == acme, Ct);
        Assert.Equal(wallet.CreditBalanceMicros, status.GetProperty("creditBalanceMicros").GetInt64());
        Assert.Equal(wallet.AllowanceRemainingMicros, status.GetProperty("allowanceRemainingMicros").GetInt64());
        Assert.Equal("pro", status.GetProperty("plan").GetProperty("code").GetString());
        Assert.Equal("Trial", status.GetProperty("subscription").GetProperty("status").GetString());
        var card = await db.PaymentMethods.SingleOrDefaultAsync(m => m.WorkspaceId == acme && m.IsDefault && m.RemovedAt == null, Ct);
        if (card is null)
            Assert.Equal(JsonValueKind.Null, status.GetProperty("defaultCard").ValueKind);
        else
            Assert.Equal(card.Last4, status.GetProperty("defaultCard").GetProperty("last4").GetString());
        var settings = await db.CreditSettings.SingleOrDefaultAsync(s => s.WorkspaceId == acme, Ct);
        Assert.Equal(settings?.AutoTopUpEnabled ?? false, status.GetProperty("autoTopUp").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Transactions_PagedToTheEnd_GiveEveryEntryOnce_InTheLedgersOrder()
    {
        var acme = await AcmeAsync(App);
        var client = await AcmeClientAsync();
        var seen = new List<long>();
        string? page = null;
        var pages = 0;
        do
        {
            var json = await JsonAsync(await client.GetAsync($"/api/v1/billing/transactions?limit=40{(page is null ? "" : $"&page={page}")}", Ct));
            var data = json.GetProperty("data").EnumerateArray().ToList();
            Assert.InRange(data.Count, 1, 40);
            seen.AddRange(data.Select(e => e.GetProperty("id").GetInt64()));
            page = json.GetProperty("nextPage").GetString();
            Assert.Equal(page is not null, json.GetProperty("hasMore").GetBoolean());
            pages++;
        }
        while (page is not null && pages < 1_000);

        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        var expected = await db.LedgerEntries.Where(e => e.WorkspaceId == acme).NewestFirst().Select(e => e.Id).ToListAsync(Ct);
        Assert.True(pages > 2, $"only {pages} pages: the demo should need several");
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Transactions_FilteredByTypeAndDates_AreThoseEntries_WithTheirBalancesAfter()
    {
        var acme = await AcmeAsync(App);
        var client = await AcmeClientAsync();

        var json = await JsonAsync(await client.GetAsync("/api/v1/billing/transactions?types=Purchase,Refund&limit=100", Ct));

        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        var expected = await db.LedgerEntries.Where(e => e.WorkspaceId == acme && (e.Type == LedgerEntryType.Purchase || e.Type == LedgerEntryType.Refund))
            .NewestFirst().ToListAsync(Ct);
        var data = json.GetProperty("data").EnumerateArray().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(e => e.Id), data.Select(e => e.GetProperty("id").GetInt64()));
        Assert.Equal(expected.Select(e => e.BalanceAfterMicros), data.Select(e => e.GetProperty("balanceAfterMicros").GetInt64()));
        Assert.Equal(expected.Select(e => e.CreditDeltaMicros), data.Select(e => e.GetProperty("creditDeltaMicros").GetInt64()));

        var day = DateOnly.FromDateTime(expected[0].CreatedAt).ToString("yyyy-MM-dd");
        var oneDay = await JsonAsync(await client.GetAsync($"/api/v1/billing/transactions?from={day}&to={day}&limit=100", Ct));
        Assert.All(oneDay.GetProperty("data").EnumerateArray(), e => Assert.StartsWith(day, e.GetProperty("createdAt").GetString()));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("types=Purchase,Bogus", "types")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-03-10&to=2026-03-01", "to")]
    [InlineData("page=not-a-cursor", "page")]
    [InlineData("page=MTIzNDU", "page")]
    public async Task Transactions_WithABadParameter_Is400NamingIt(string query, string field)
    {
        var client = await AcmeClientAsync();

        var problem = await ProblemAsync(await client.GetAsync($"/api/v1/billing/transactions?{query}", Ct), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Invoices_ListThisWorkspacesOnly_AndTheirPdfIsReadWithTheToken_AnotherWorkspacesIs404()
    {
        var (acme, other) = await DemoWorkspaces.AcmeAndOwnersPersonalAsync(App.DbFactory, Ct);
        var mine = await InvoiceTestData.IssuePeriodAsync(App.DbFactory, acme, InvoiceTestData.NextPeriodIndex(), InvoiceTestData.UsageWithOverage);
        var foreign = await InvoiceTestData.IssuePeriodAsync(App.DbFactory, other, InvoiceTestData.NextPeriodIndex(), customer: "Someone Else");
        var client = await AcmeClientAsync(email: "owner@acme.test");

        var list = await JsonAsync(await client.GetAsync("/api/v1/billing/invoices", Ct));
        var ids = list.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(mine.Id, ids);
        Assert.DoesNotContain(foreign.Id, ids);
        var row = list.GetProperty("data").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == mine.Id);
        Assert.Equal(mine.DisplayNumber, row.GetProperty("number").GetString());
        Assert.Equal(mine.TotalMicros, row.GetProperty("totalMicros").GetInt64());

        var pdf = await client.GetAsync(row.GetProperty("pdfUrl").GetString(), Ct);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var refused = await ProblemAsync(await client.GetAsync($"/api/v1/billing/invoices/{foreign.Id}/pdf", Ct), 404);
        Assert.DoesNotContain("Someone Else", refused.ToString());
    }

    [Fact]
    public async Task Cards_AreTheWorkspacesCardsOnFile_DefaultFirst()
    {
        var acme = await AcmeAsync(App);
        var client = await AcmeClientAsync();

        var json = await JsonAsync(await client.GetAsync("/api/v1/billing/cards", Ct));

        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        var cards = await db.PaymentMethods.Where(m => m.WorkspaceId == acme && m.RemovedAt == null).ToListAsync(Ct);
        var data = json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(cards.Count, data.Count);
        Assert.Equal(cards.Select(c => c.Last4).Order(), data.Select(c => c.GetProperty("last4").GetString()).Order());
        if (data.Count > 0 && cards.Any(c => c.IsDefault))
            Assert.True(data[0].GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task TopUp_ReturnsACheckoutToOpen_ChargingNothing_AndTheSameIdempotencyKeyFindsTheSameCheckout()
    {
        var acme = await AcmeAsync(App);
        var client = await AcmeClientAsync(TokenScope.BillingManage, "owner@acme.test");
        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        var balance = (await db.Wallets.AsNoTracking().SingleAsync(w => w.WorkspaceId == acme, Ct)).CreditBalanceMicros;
        var payments = await db.Payments.CountAsync(p => p.WorkspaceId == acme, Ct);

        var urls = new List<string?>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/billing/top-ups") { Content = JsonContent.Create(new { amountMicros = 75_000_000 }) };
            request.Headers.Add("Idempotency-Key", "monthly-top-up-2026-03");
            urls.Add((await JsonAsync(await client.SendAsync(request, Ct))).GetProperty("url").GetString());
        }

        Assert.NotNull(urls[0]);
        Assert.Equal(urls[0], urls[1]);
        Assert.Equal(payments + 1, await db.Payments.CountAsync(p => p.WorkspaceId == acme, Ct));
        Assert.Equal(balance, (await db.Wallets.AsNoTracking().SingleAsync(w => w.WorkspaceId == acme, Ct)).CreditBalanceMicros);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"amountMicros\": 1}")]
    [InlineData("{\"amountMicros\": -50000000}")]
    [InlineData("{\"amountMicros\": 100000000000000}")]
    public async Task TopUp_WithABadAmount_Is400NamingAmountMicros_AndStartsNothing(string body)
    {
        var acme = await AcmeAsync(App);
        var client = await AcmeClientAsync(TokenScope.BillingManage, "owner@acme.test");
        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        var payments = await db.Payments.CountAsync(p => p.WorkspaceId == acme, Ct);

        var response = await client.PostAsync("/api/v1/billing/top-ups", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAsync(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("amountMicros", out _), problem.ToString());
        Assert.Equal(payments, await db.Payments.CountAsync(p => p.WorkspaceId == acme, Ct));
    }

    [Fact]
    public async Task Portal_WithLocalPayments_SaysThereIsNone_AndAddCardReturnsTheCardPage()
    {
        var client = await AcmeClientAsync(TokenScope.BillingManage, "owner@acme.test");

        var portal = await ProblemAsync(await client.PostAsync("/api/v1/billing/portal", null, Ct), 409);
        var card = await JsonAsync(await client.PostAsync("/api/v1/billing/cards/setup", null, Ct));

        Assert.Contains("no customer portal", portal.GetProperty("detail").GetString());
        Assert.StartsWith("http", card.GetProperty("url").GetString());
    }

    [Fact]
    public async Task AnExpiredToken_IsRefusedFromItsExpiryOn()
    {
        var acme = await AcmeAsync(App);
        var client = Client(App, await CreateAsync(App, "finance@acme.test", acme, TokenScope.BillingRead, TokenLifetime.Days30));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/billing/status", Ct)).StatusCode);

        App.Clock.Advance(TimeSpan.FromDays(30));

        var problem = await ProblemAsync(await client.GetAsync("/api/v1/billing/status", Ct), 401);
        Assert.Contains("expired", problem.GetProperty("detail").GetString());
    }
}
