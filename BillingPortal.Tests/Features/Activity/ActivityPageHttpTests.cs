using System.Net;
using BillingPortal.Data;
using BillingPortal.Domain.Audit;
using BillingPortal.Features.Activity;
using BillingPortal.Features.Demo;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BillingPortal.Tests.Features.Activity;

/// <summary>/billing/activity and its CSV through the real app: who may read them, what they show, and the paging order.</summary>
public sealed class ActivityPageHttpTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Markup = "<b id=\"injected\">=HYPERLINK(\"http://x\")</b>";

    [Theory]
    [InlineData("member@acme.test")]
    [InlineData("viewer@acme.test")]
    public async Task MembersAndViewers_AreRefused_ThePageAndTheCsv(string email)
    {
        var workspace = await SeedAsync();
        var client = await app.Factory.LoginAsync(email);

        var page = await client.GetAsync("/billing/activity", Ct);
        var csv = await client.GetAsync($"/api/workspaces/{workspace}/billing/activity/export", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
        Assert.DoesNotContain("injected", await csv.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("owner@acme.test")]
    [InlineData("admin@acme.test")]
    [InlineData("finance@acme.test")]
    public async Task BillingReaders_SeeTheTrail_WithCallerTextAsText(string email)
    {
        await SeedAsync();
        var client = await app.Factory.LoginAsync(email);

        var response = await client.GetAsync("/billing/activity", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-testid=\"activity-table\"", html);
        Assert.Contains("API key created", html);
        Assert.Contains(WebUtility.HtmlEncode("<b id=\"injected\">"), html);
        Assert.DoesNotContain("<b id=\"injected\">", html);
    }

    [Fact]
    public async Task TheCsv_NeutralisesFormulas_AndFilters()
    {
        var workspace = await SeedAsync();
        var client = await app.Factory.LoginAsync("finance@acme.test");

        var csv = await (await client.GetAsync($"/api/workspaces/{workspace}/billing/activity/export?kind=api_key", Ct)).Content.ReadAsStringAsync(Ct);
        var formula = await (await client.GetAsync($"/api/workspaces/{workspace}/billing/activity/export?kind=member", Ct)).Content.ReadAsStringAsync(Ct);
        var bad = await client.GetAsync($"/api/workspaces/{workspace}/billing/activity/export?kind=nope", Ct);

        Assert.StartsWith("Id,AtUtc,Actor,ActorUserId,Source,Action,TargetId,Target,Before,After,CorrelationId", csv);
        Assert.Contains("api_key.created", csv);
        Assert.DoesNotContain("member.removed", csv);
        Assert.Contains("'=cmd|' /C calc'!A0", formula);
        Assert.DoesNotContain(",=cmd", formula);
        Assert.DoesNotContain(",\"=cmd", formula);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Paging_IsNewestFirst_StableOnEqualTimes_AndReturnsEveryRowOnce()
    {
        var workspace = Guid.NewGuid();
        var writes = app.Factory.Services.GetRequiredService<BillingWrites>();
        var trail = app.Factory.Services.GetRequiredService<AuditTrail>();
        // 23 rows in one unit share one instant: only the Id orders them.
        await writes.RunAsync((scope, _) =>
        {
            for (var i = 0; i < 23; i++)
                trail.RecordWithin(scope, AuditActor.Worker(), new AuditChange(workspace, AuditActions.ApiKeyCreated, $"{i}", $"key {i}"));
            return Task.FromResult(0);
        }, Ct);
        var query = app.Factory.Services.GetRequiredService<ActivityQuery>();

        var seen = new List<AuditEntry>();
        ActivityCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await query.PageAsync(workspace, new ActivityFilter(), cursor, 10, Ct);
            seen.AddRange(page.Rows);
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(23, seen.Select(r => r.Id).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Select(r => r.Id), seen.Select(r => r.Id));
        Assert.Equal("key 22", seen[0].TargetLabel);
    }

    // A key named like markup and a member whose label starts a formula, in the demo workspace; once per app.
    private async Task<Guid> SeedAsync()
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var workspace = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
        if (await db.AuditEntries.AnyAsync(a => a.WorkspaceId == workspace && a.TargetLabel == Markup, Ct))
            return workspace;
        var writes = app.Factory.Services.GetRequiredService<BillingWrites>();
        var trail = app.Factory.Services.GetRequiredService<AuditTrail>();
        await writes.RunAsync((scope, _) =>
        {
            trail.RecordWithin(scope, AuditActor.Worker(), new AuditChange(workspace, AuditActions.ApiKeyCreated, "k1", Markup,
                null, new Dictionary<string, object?> { ["name"] = Markup }));
            trail.RecordWithin(scope, AuditActor.Worker(), new AuditChange(workspace, AuditActions.MemberRemoved, "u1", "=cmd|' /C calc'!A0"));
            return Task.FromResult(0);
        }, Ct);
        return workspace;
    }
}
