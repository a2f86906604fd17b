using BillingPortal.Domain.Tokens;
using BillingPortal.Tests.Infrastructure;
using static BillingPortal.Tests.Api.BillingApi.TokenTesting;
using static BillingPortal.Tests.Mcp.McpTesting;

namespace BillingPortal.Tests.Mcp;

/// <summary>Bad tool inputs are error results naming the argument, as the billing API's 400 names the field; the server goes on.</summary>
public sealed class McpInputTests(BillingAppFactoryFixture fixture) : IClassFixture<BillingAppFactoryFixture>
{
    private BillingAppFactory App => fixture.Factory;

    [Theory]
    [InlineData("list_transactions", """{"limit": 0}""", "limit must be a whole number from 1 to 100; it was '0'")]
    [InlineData("list_transactions", """{"limit": 101}""", "limit must be a whole number from 1 to 100")]
    [InlineData("list_transactions", """{"limit": "ten"}""", "limit must be a whole number; it was \"ten\"")]
    [InlineData("list_transactions", """{"limit": 2.5}""", "limit must be a whole number; it was 2.5")]
    [InlineData("list_transactions", """{"types": "Purchase,Bogus"}""", "'Bogus' is not one")]
    [InlineData("list_transactions", """{"from": "2026-13-01"}""", "from must be a date as yyyy-MM-dd")]
    [InlineData("list_transactions", """{"from": "2026-03-05", "to": "2026-03-01"}""", "to (2026-03-01) must not be before from (2026-03-05)")]
    [InlineData("list_transactions", """{"page": "not-a-cursor"}""", "page must be the nextPage of an earlier answer")]
    [InlineData("list_transactions", """{"to": 20260301}""", "to must be text")]
    [InlineData("list_invoices", """{"page": "0"}""", "page must be a page number from 1")]
    [InlineData("list_invoices", """{"limit": -3}""", "limit must be a whole number from 1 to 100; it was '-3'")]
    [InlineData("get_run_cost", """{}""", "runId is required")]
    [InlineData("get_run_cost", """{"runId": "  "}""", "runId is required")]
    [InlineData("get_run_cost", """{"runId": 42}""", "runId must be text")]
    [InlineData("get_run_cost", """{"runId": "run\u0007one"}""", "runId contains a control or text-direction character")]
    [InlineData("get_run_cost", """{"runId": "0123456789012345678901234567890123456789012345678901234567890123456789"}""", "runId is at most 64 characters")]
    [InlineData("get_usage_summary", """{"end": "2026-03-01"}""", "start is required")]
    [InlineData("get_usage_summary", """{"start": "2026-03-05", "end": "2026-03-01"}""", "must be after start")]
    [InlineData("get_usage_summary", """{"start": "March", "end": "2026-03-01"}""", "start must be a date like 2026-03-01")]
    [InlineData("get_usage_summary", """{"start": "2026-03-01", "end": "2026-03-02", "bucket": "1w"}""", "bucket must be 1d or 1h")]
    [InlineData("get_usage_summary", """{"start": "2026-03-01", "end": "2026-03-02", "groupBy": "agent,team"}""", "'team' is not one")]
    [InlineData("get_usage_summary", """{"start": "2026-03-01", "end": "2026-03-09", "bucket": "1h"}""", "at most 7 days")]
    [InlineData("get_usage_summary", """{"start": "2026-03-01", "end": "2026-03-02", "limit": 0}""", "limit is the buckets in a page")]
    public async Task ABadInput_IsAnErrorResultNamingIt_AndTheServerGoesOn(string tool, string arguments, string says)
    {
        var mcp = await ConnectAsync(App, await CreateAsync(App, "finance@acme.test", await AcmeAsync(App), TokenScope.BillingRead));

        Assert.Contains(says, await RefusalAsync(mcp, tool, arguments));

        Assert.True((await AnswerAsync(mcp, "get_balance")).GetProperty("creditBalanceMicros").GetInt64() >= 0);
    }
}
