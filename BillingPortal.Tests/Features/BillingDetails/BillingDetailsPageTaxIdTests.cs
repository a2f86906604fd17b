using System.Security.Claims;
using BillingPortal.Domain;
using BillingPortal.Domain.BillingDetails;
using BillingPortal.Features.BillingDetails;
using BillingPortal.Features.Payments.Stripe;
using BillingPortal.Security;
using BillingPortal.Tests.Features.Payments.Stripe;
using BillingPortal.Tests.Infrastructure;
using BillingPortal.Tests.Security;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingPortal.Tests.Features.BillingDetails;

/// <summary>
/// The billing details page when Stripe refuses the tax id: the page's own service on a real SQLite file, and the
/// Stripe adapter talking to a fake Stripe that answers as Stripe does (400 <c>tax_id_invalid</c>).
/// </summary>
public sealed class BillingDetailsPageTaxIdTests : BunitContextBase, IAsyncLifetime
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private readonly FakeStripeApi stripe = new();
    private TestDatabase database = default!;
    private Guid workspaceId;
    private BillingDetailsService service = default!;
    private ClaimsPrincipal owner = new();

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        var ownerId = await database.AddUserAsync("owner@team.test");
        workspaceId = await database.Provisioner.CreateTeamWorkspaceAsync("Team", ownerId, PlanCatalog.Pro, trialDays: null, Ct);
        owner = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, ownerId)], "Test"));
        SignInAs(ownerId, "owner@team.test", BillingPolicies.Read, BillingPolicies.Manage);
        var client = new global::Stripe.StripeClient("sk_test_details", httpClient: new global::Stripe.SystemNetHttpClient(new HttpClient(stripe), 0),
            apiBase: "https://api.stripe.test");
        var sync = new StripeCustomerDetails(client, new StripeCustomers(client, database.Factory, database.Clock));
        var authorization = TestAuthorization.Services(database).CreateScope().ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationService>();
        service = new BillingDetailsService(database.Factory, database.Writes, authorization, sync, database.Clock, NullLogger<BillingDetailsService>.Instance);
        Services.AddSingleton(service);
        Services.AddSingleton(new WorkspaceDirectory(database.Factory));
        // An interactive render, as in the browser (the page tells tests so with data-interactive).
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task ATaxIdStripeRefuses_IsExplainedUnderTheTaxIdField_AndTheSavedDetailsStay()
    {
        var saved = await service.SaveAsync(owner, workspaceId,
            new("Team GmbH", "Invalidenstraße 117", null, "Berlin", "10115", null, "DE", "eu_vat", "DE123456789", null), Ct);
        Assert.True(saved.Succeeded, saved.Message);
        stripe.RefusedTaxIds.Add("DE000000000");
        var page = Render<BillingDetailsPage>();
        page.WaitForElement("input[data-testid=bd-tax-id]");

        page.Find("input[data-testid=bd-legal-name]").Change("Team SE");
        page.Find("input[data-testid=bd-tax-id]").Change("DE000000000");
        page.Find("form#billing-details-form").Submit();

        page.WaitForAssertion(() => Assert.Equal(BillingDetailsService.TaxIdRefusedMessage, page.Find("[data-testid=billing-details-message]").TextContent.Trim()));
        // Under the tax id itself, not in a general notice: the field's own helper line carries Stripe's reason.
        var field = page.Find("input[data-testid=bd-tax-id]").Closest(".mud-input-control")!;
        Assert.Equal("Stripe did not accept this EU VAT number for Germany: Invalid value for eu_vat.",
            field.QuerySelector(".mud-input-helper-text.mud-input-error")!.TextContent.Trim());
        Assert.Single(page.FindAll(".mud-input-helper-text.mud-input-error"));
        await using var db = database.Open();
        var kept = (await db.BillingDetails.AsNoTracking().SingleAsync(d => d.WorkspaceId == workspaceId, Ct)).Values;
        Assert.Equal(("Team GmbH", "DE123456789"), (kept.LegalName, kept.TaxId));
    }
}
