using System.Globalization;
using System.Text.Json;
using BillingPortal.Domain;
using BillingPortal.Domain.Tokens;
using BillingPortal.Ledger;
using BillingPortal.Tests.Features.Invoices;
using BillingPortal.Tests.Infrastructure;
using static BillingPortal.Tests.Api.BillingApi.TokenTesting;
using CliMoney = BillingPortal.Cli.Output.Money;
using TransactionsCommand = BillingPortal.Cli.Commands.TransactionsCommand;

namespace BillingPortal.Tests.Cli;

/// <summary>The read commands against the real app on a port: each one's JSON is the API's answer for the same token.</summary>
[Collection(CliCollection.Name)]
public sealed class ReadCommandTests(CliFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(CliRunner Cli, HttpClient Api)> AcmeReaderAsync()
    {
        var secret = await CreateAsync(fixture.App, "finance@acme.test", await AcmeAsync(fixture.App), TokenScope.BillingRead, name: "cli read");
        return (new CliRunner(fixture).As(secret), fixture.ApiClient(secret));
    }

    private static async Task<JsonElement> GetAsync(HttpClient api, string path) => await JsonAsync(await api.GetAsync(path, Ct));

    [Fact]
    public async Task Status_Json_IsTheApisAnswer_AndTheTableShowsTheBalanceAndTheCard()
    {
        var (cli, api) = await AcmeReaderAsync();

        var json = await cli.RunAsync("status", "--json");
        var table = await cli.RunAsync("status");

        Assert.True(json.ExitCode == 0, json.ToString());
        var status = await GetAsync(api, "/api/v1/billing/status");
        CliJson.AssertSameAsApi(json.Json, status);
        foreach (var field in new[] { "workspaceId", "workspaceName", "plan", "subscription", "creditBalanceMicros", "allowanceRemainingMicros", "defaultCard", "autoTopUp" })
            Assert.True(json.Json.TryGetProperty(field, out _), $"status --json lacks {field}");
        Assert.Equal(0, table.ExitCode);
        Assert.Matches($@"Credits\s+{Escape(CliMoney.Format(status.GetProperty("creditBalanceMicros").GetInt64()))}\n", table.Out);
        Assert.Contains("Acme AI", table.Out);
        Assert.Contains(fixture.BaseAddress.ToString(), table.Out);
        if (status.GetProperty("defaultCard").ValueKind == JsonValueKind.Object)
            Assert.Contains("ending " + status.GetProperty("defaultCard").GetProperty("last4").GetString(), table.Out);
        Assert.Equal("", table.Error);
    }

    [Fact]
    public async Task Balance_PrintsTheCreditBalanceOnly_AndItsJsonHasTheExactMicros()
    {
        var (cli, api) = await AcmeReaderAsync();
        var status = await GetAsync(api, "/api/v1/billing/status");

        var line = await cli.RunAsync("balance");
        var json = await cli.RunAsync("balance", "--json");

        Assert.Equal(CliMoney.Format(status.GetProperty("creditBalanceMicros").GetInt64()) + "\n", line.Out.ReplaceLineEndings("\n"));
        Assert.Equal(status.GetProperty("creditBalanceMicros").GetInt64(), json.Json.GetProperty("creditBalanceMicros").GetInt64());
        Assert.Equal(status.GetProperty("allowanceRemainingMicros").GetInt64(), json.Json.GetProperty("allowanceRemainingMicros").GetInt64());
        Assert.Equal("USD", json.Json.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Transactions_BeyondOneApiPage_AreTheApisEntriesInItsOrder_AndSayWhetherMoreRemain()
    {
        // 130 grants of its own in the owner's personal workspace: more than the API's largest page of 100.
        var personal = (await DemoWorkspaces.AcmeAndOwnersPersonalAsync(fixture.App.DbFactory, Ct)).Other;
        var ledger = fixture.App.Services.GetRequiredService<CreditLedger>();
        for (var i = 0; i < 130; i++)
            await ledger.PostCreditAsync(LedgerEntryType.Grant, new Posting(personal, 10_000 + i, $"cli-paging-{Guid.NewGuid():N}", $"CLI paging grant {i}"), Ct);
        var secret = await CreateAsync(fixture.App, "owner@acme.test", personal, TokenScope.BillingRead, name: "cli paging");
        var (cli, api) = (new CliRunner(fixture).As(secret), fixture.ApiClient(secret));
        var expected = new List<JsonElement>();
        string? page = null;
        do
        {
            var answer = await GetAsync(api, "/api/v1/billing/transactions?limit=100" + (page is null ? "" : "&page=" + page));
            expected.AddRange(answer.GetProperty("data").EnumerateArray());
            page = answer.GetProperty("nextPage").GetString();
        }
        while (page is not null);
        Assert.InRange(expected.Count, 131, 1000);

        var some = await cli.RunAsync("transactions", "--limit", "120", "--json");
        var all = await cli.RunAsync("transactions", "--limit", "1000", "--json");

        Assert.True(some.ExitCode == 0, some.ToString());
        CliJson.AssertSameAsApi(some.Json.GetProperty("data"), JsonSerializer.SerializeToElement(expected.Take(120)));
        Assert.True(some.Json.GetProperty("hasMore").GetBoolean());
        Assert.Equal(2, some.Requests.Count); // 100, then the 20 left
        Assert.Contains("limit=20&", some.Requests[1].RequestUri!.Query);
        CliJson.AssertSameAsApi(all.Json.GetProperty("data"), JsonSerializer.SerializeToElement(expected));
        Assert.False(all.Json.GetProperty("hasMore").GetBoolean());
    }

    [Fact]
    public async Task Transactions_TypeAndSince_AreTheApisFilters_SinceCountedFromTheClocksToday()
    {
        var (cli, api) = await AcmeReaderAsync();
        var today = DateOnly.FromDateTime(fixture.App.Clock.GetUtcNow().UtcDateTime);
        var from = today.AddDays(-7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var run = await cli.RunAsync("transactions", "--since", "7d", "--type", "usage,AllowanceReset", "--limit", "100", "--json");
        var expected = await GetAsync(api, $"/api/v1/billing/transactions?limit=100&from={from}&types=Usage,AllowanceReset");
        var table = await cli.RunAsync("transactions", "--since", from, "--type", "Usage", "--type", "AllowanceReset", "--limit", "100");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.NotEmpty(CliJson.Ids(expected));
        Assert.Equal(CliJson.Ids(expected), CliJson.Ids(run.Json));
        Assert.All(run.Json.GetProperty("data").EnumerateArray(), e => Assert.Contains(e.GetProperty("type").GetString(), new[] { "Usage", "AllowanceReset" }));
        Assert.Equal(CliJson.Ids(expected).Count + 1, table.Out.TrimEnd().Split('\n').Length - (expected.GetProperty("hasMore").GetBoolean() ? 1 : 0));
    }

    [Fact]
    public void Transactions_TypeNames_AreTheLedgersEntryTypes()
    {
        Assert.Equal(Enum.GetNames<LedgerEntryType>().Order(), TransactionsCommand.Types.Order());
    }

    [Fact]
    public async Task Invoices_Json_IsTheApisList_AndTheTableShowsEachNumberAndTotal()
    {
        var (cli, api) = await AcmeReaderAsync();
        await InvoiceTestData.IssuePeriodAsync(fixture.App.DbFactory, await AcmeAsync(fixture.App), InvoiceTestData.NextPeriodIndex(), InvoiceTestData.UsageWithOverage);

        var json = await cli.RunAsync("invoices", "--json");
        var table = await cli.RunAsync("invoices");

        var expected = await GetAsync(api, "/api/v1/billing/invoices?limit=20");
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.NotEmpty(expected.GetProperty("data").EnumerateArray());
        CliJson.AssertSameAsApi(json.Json.GetProperty("data"), expected.GetProperty("data"));
        foreach (var invoice in expected.GetProperty("data").EnumerateArray())
        {
            Assert.Contains(invoice.GetProperty("number").GetString()!, table.Out);
            Assert.Contains(CliMoney.Format(invoice.GetProperty("totalMicros").GetInt64()), table.Out);
        }
    }

    [Fact]
    public async Task Cards_Json_IsTheApisList()
    {
        var (cli, api) = await AcmeReaderAsync();

        var json = await cli.RunAsync("cards", "--json");
        var table = await cli.RunAsync("cards");

        var expected = await GetAsync(api, "/api/v1/billing/cards");
        Assert.True(json.ExitCode == 0, json.ToString());
        CliJson.AssertSameAsApi(json.Json, expected);
        foreach (var card in expected.GetProperty("data").EnumerateArray())
            Assert.Contains("**** " + card.GetProperty("last4").GetString(), table.Out);
    }

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
