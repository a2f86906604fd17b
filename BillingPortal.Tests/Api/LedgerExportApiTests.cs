using System.Net;
using System.Text.Json;
using BillingPortal.Domain;
using BillingPortal.Features.Demo;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Api;

public sealed class LedgerExportApiTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("format=xml", "format")]
    [InlineData("format=csv&types=Purchase,Bogus", "types")]
    [InlineData("format=csv&types=2", "types")]
    [InlineData("format=json&from=2026-13-01", "from")]
    [InlineData("format=json&from=01/03/2026", "from")]
    [InlineData("format=json&to=yesterday", "to")]
    [InlineData("format=json&from=2026-03-10&to=2026-03-01", "to")]
    public async Task Export_WithBadInput_IsA400ProblemNamingTheParameter(string query, string parameter)
    {
        var client = await app.Factory.LoginAsync("finance@acme.test");

        var response = await client.GetAsync($"/api/workspaces/{await AcmeIdAsync()}/billing/ledger/export?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out var messages), problem.RootElement.ToString());
        Assert.Contains(parameter, messages[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportJson_AsFinance_ListsTheFilteredEntries_InMicros()
    {
        var acme = await AcmeIdAsync();
        var client = await app.Factory.LoginAsync("finance@acme.test");

        var response = await client.GetAsync($"/api/workspaces/{acme}/billing/ledger/export?format=json&types=purchase,Refund", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var expected = await db.LedgerEntries.Where(e => e.WorkspaceId == acme && (e.Type == LedgerEntryType.Purchase || e.Type == LedgerEntryType.Refund))
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Select(e => new { e.Id, e.CreditDeltaMicros, e.BalanceAfterMicros }).ToListAsync(Ct);
        var entries = json.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(e => (e.Id, e.CreditDeltaMicros, e.BalanceAfterMicros)),
            entries.Select(e => (e.GetProperty("id").GetInt64(), e.GetProperty("creditDeltaMicros").GetInt64(), e.GetProperty("balanceAfterMicros").GetInt64())));
        Assert.All(entries, e => Assert.Contains(e.GetProperty("type").GetString(), new[] { "Purchase", "Refund" }));
        Assert.Equal(expected.Sum(e => e.CreditDeltaMicros), json.RootElement.GetProperty("creditDeltaTotalMicros").GetInt64());
    }

    [Fact]
    public async Task ExportCsv_AsOwner_HasOneLinePerEntryInTheDateRange()
    {
        var acme = await AcmeIdAsync();
        var client = await app.Factory.LoginAsync("owner@acme.test");
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var newest = await db.LedgerEntries.Where(e => e.WorkspaceId == acme).MaxAsync(e => e.CreatedAt, Ct);
        var day = DateOnly.FromDateTime(newest);
        var start = day.ToDateTime(TimeOnly.MinValue);
        var count = await db.LedgerEntries.CountAsync(e => e.WorkspaceId == acme && e.CreatedAt >= start && e.CreatedAt < start.AddDays(1), Ct);

        var response = await client.GetAsync($"/api/workspaces/{acme}/billing/ledger/export?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).TrimEnd().Split('\n');
        Assert.StartsWith("Id,CreatedAtUtc,Type", lines[0], StringComparison.Ordinal);
        Assert.Equal(count + 1, lines.Length);
    }

    [Fact]
    public async Task Export_OfAnotherWorkspace_IsForbidden()
    {
        var client = await app.Factory.LoginAsync("finance@acme.test");
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var other = await db.Workspaces.Where(w => w.Name != DemoSeeder.WorkspaceName).Select(w => w.Id).FirstAsync(Ct);

        var response = await client.GetAsync($"/api/workspaces/{other}/billing/ledger/export?format=json", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<Guid> AcmeIdAsync()
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        return await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
    }
}
