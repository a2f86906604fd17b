using System.Security.Claims;
using BillingPortal.Domain.Audit;
using BillingPortal.Domain.BillingDetails;
using BillingPortal.Features.Activity;
using BillingPortal.Features.BillingDetails;
using BillingPortal.Features.Demo;
using BillingPortal.Tests.Features.Payments.Stripe;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.BillingDetails;

/// <summary>
/// Saving billing details when Stripe is configured and refuses the tax id (its own 400 <c>tax_id_invalid</c>): the
/// person is told why next to the tax id, and nothing is saved, neither here nor at Stripe; when Stripe cannot be
/// reached at all, the details are saved and the page says the customer is updated at the next save.
/// </summary>
public sealed class StripeTaxIdRefusalTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly StripeAppFactory app = new();
    private static readonly BillingDetailsInput Good =
        new("Acme AI GmbH", "Invalidenstraße 117", null, "Berlin", "10115", null, "DE", "eu_vat", "DE123456789", "finance@acme.test");

    public ValueTask InitializeAsync()
    {
        _ = app.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ATaxIdStripeRefuses_IsExplainedAtTheField_AndNothingIsSaved_HereOrAtStripe()
    {
        var (workspace, owner) = await DemoAsync();
        Assert.True((await SaveAsync(owner, workspace, Good)).Succeeded);
        var customer = Assert.Single(app.StripeApi.TaxIds.Keys);
        var auditSince = await LastAuditIdAsync();
        var stripeSince = app.StripeApi.Requests.Count;
        app.StripeApi.RefusedTaxIds.Add("DE000000000");

        var result = await SaveAsync(owner, workspace, Good with { LegalName = "Acme AI SE", TaxId = "DE 000 000 000" });

        Assert.False(result.Succeeded);
        Assert.Equal(BillingDetailsService.TaxIdRefusedMessage, result.Message);
        Assert.Equal("Stripe did not accept this EU VAT number for Germany: Invalid value for eu_vat.",
            Assert.Single(result.Errors, e => e.Key == BillingDetailsFields.TaxId).Value);
        // Ours: as before, and no audit record of a change that did not happen.
        await using (var db = await app.DbFactory.CreateDbContextAsync(Ct))
        {
            var saved = (await db.BillingDetails.AsNoTracking().SingleAsync(d => d.WorkspaceId == workspace, Ct)).Values;
            Assert.Equal(("Acme AI GmbH", "DE123456789"), (saved.LegalName, saved.TaxId));
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Id > auditSince, Ct));
        }
        // Stripe's: the refused create was the only write; the customer kept its name and its tax id.
        var writes = app.StripeApi.Requests.Skip(stripeSince).Where(r => r.Method != "GET").ToList();
        Assert.Equal([("POST", $"/v1/customers/{customer}/tax_ids")], writes.Select(r => (r.Method, r.Path)));
        Assert.Equal("DE123456789", (string?)Assert.Single(app.StripeApi.TaxIds[customer])["value"]);
    }

    [Fact]
    public async Task WhenStripeCannotBeReached_TheDetailsAreSaved_AndThePageSaysToSaveAgainLater()
    {
        var (workspace, owner) = await DemoAsync();
        app.StripeApi.NetworkFailure = new HttpRequestException("Connection refused");

        var result = await SaveAsync(owner, workspace, Good);

        Assert.True(result.Succeeded);
        Assert.Contains("could not be updated just now", result.Message, StringComparison.Ordinal);
        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        Assert.Equal("DE123456789", (await db.BillingDetails.AsNoTracking().SingleAsync(d => d.WorkspaceId == workspace, Ct)).Values.TaxId);
    }

    private async Task<BillingDetailsResult> SaveAsync(ClaimsPrincipal user, Guid workspace, BillingDetailsInput input)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IAuditContext>().Use(AuditActor.User(user.FindFirstValue(ClaimTypes.NameIdentifier)!, "test", AuditSource.Page));
        return await scope.ServiceProvider.GetRequiredService<BillingDetailsService>().SaveAsync(user, workspace, input, Ct);
    }

    private async Task<(Guid Workspace, ClaimsPrincipal Owner)> DemoAsync()
    {
        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        var workspace = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
        var owner = await db.Users.Where(u => u.Email == "owner@acme.test").Select(u => u.Id).SingleAsync(Ct);
        return (workspace, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, owner)], "Test")));
    }

    private async Task<long> LastAuditIdAsync()
    {
        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        return await db.AuditEntries.MaxAsync(a => (long?)a.Id, Ct) ?? 0;
    }
}
