using BillingPortal.Domain.BillingDetails;
using BillingPortal.Features.Payments.Stripe;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Features.Payments.Stripe;

/// <summary>Saved billing details reach the workspace's Stripe customer, against a fake Stripe answering with Stripe's own shapes.</summary>
public sealed class StripeCustomerDetailsTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly FakeStripeApi api = new();
    private TestDatabase database = null!;
    private StripeCustomerDetails sync = null!;
    private Guid workspace;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        workspace = await database.Provisioner.EnsurePersonalWorkspaceAsync(await database.AddUserAsync("ada@example.test"), "ada", Ct);
        var client = new global::Stripe.StripeClient("sk_test_details", httpClient: new global::Stripe.SystemNetHttpClient(new HttpClient(api), 0),
            apiBase: "https://api.stripe.test");
        sync = new StripeCustomerDetails(client, new StripeCustomers(client, database.Factory, database.Clock));
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private static BillingDetailsValues Values(string? taxType = "eu_vat", string? taxId = "DE123456789", string? line2 = "Hinterhaus") =>
        BillingDetailsRules.Validate(new("Acme GmbH", "Invalidenstraße 117", line2, "Berlin", "10115", null, "DE", taxType, taxId, "finance@acme.test")).Values!;

    [Fact]
    public async Task Sync_UpdatesTheCustomersNameAddressAndEmail_AndAddsItsTaxId()
    {
        await sync.SyncAsync(workspace, Values(), Ct);

        var customer = Assert.Single(api.To("POST", "/v1/customers")).Form;
        Assert.Equal(workspace.ToString(), customer["metadata[workspace_id]"]);
        var update = Assert.Single(api.Requests, r => r.Method == "POST" && r.Path.StartsWith("/v1/customers/cus_fake", StringComparison.Ordinal) && !r.Path.EndsWith("/tax_ids", StringComparison.Ordinal));
        Assert.Equal("Acme GmbH", update.Form["name"]);
        Assert.Equal("finance@acme.test", update.Form["email"]);
        Assert.Equal("Invalidenstraße 117", update.Form["address[line1]"]);
        Assert.Equal("Hinterhaus", update.Form["address[line2]"]);
        Assert.Equal("Berlin", update.Form["address[city]"]);
        Assert.Equal("10115", update.Form["address[postal_code]"]);
        Assert.Equal("DE", update.Form["address[country]"]);
        var customerId = update.Path.Split('/')[3];
        var taxId = Assert.Single(api.TaxIds[customerId]);
        Assert.Equal(("eu_vat", "DE123456789"), ((string?)taxId["type"], (string?)taxId["value"]));
    }

    [Fact]
    public async Task Sync_Again_ReplacesAChangedTaxId_KeepsAnUnchangedOne_AndClearsARemovedLine()
    {
        await sync.SyncAsync(workspace, Values(), Ct);
        await sync.SyncAsync(workspace, Values(), Ct);
        var customerId = Assert.Single(api.TaxIds.Keys);
        Assert.Single(api.To("POST", $"/v1/customers/{customerId}/tax_ids"));
        Assert.DoesNotContain(api.Requests, r => r.Method == "DELETE");

        await sync.SyncAsync(workspace, Values(taxId: "DE999999999", line2: null), Ct);

        var held = Assert.Single(api.TaxIds[customerId]);
        Assert.Equal("DE999999999", (string?)held["value"]);
        Assert.Single(api.Requests, r => r.Method == "DELETE");
        // An empty value is how Stripe clears a field; a missing one would leave "Hinterhaus" in place.
        Assert.Equal("", api.To("POST", $"/v1/customers/{customerId}").Last().Form["address[line2]"]);

        await sync.SyncAsync(workspace, Values(taxType: null, taxId: null), Ct);
        Assert.Empty(api.TaxIds[customerId]);
    }

    [Fact]
    public async Task Sync_ATaxIdRemovedThenGivenAgain_IsBackAtStripe_AndASecondCopyGoes()
    {
        await sync.SyncAsync(workspace, Values(), Ct);
        var customerId = Assert.Single(api.TaxIds.Keys);
        await sync.SyncAsync(workspace, Values(taxType: null, taxId: null), Ct);
        Assert.Empty(api.TaxIds[customerId]);

        // The same number again (the same day): Stripe must add it anew, not answer with the deleted one.
        await sync.SyncAsync(workspace, Values(), Ct);
        Assert.Equal("DE123456789", (string?)Assert.Single(api.TaxIds[customerId])["value"]);

        // Two racing saves can each add it; the next sync keeps one.
        var copy = (System.Text.Json.Nodes.JsonObject)api.TaxIds[customerId][0].DeepClone();
        copy["id"] = "txi_copy";
        api.TaxIds[customerId].Add(copy);
        await sync.SyncAsync(workspace, Values(), Ct);
        Assert.Equal("DE123456789", (string?)Assert.Single(api.TaxIds[customerId])["value"]);
    }

    [Fact]
    public async Task Sync_ATaxIdStripeRefuses_ChangesNothingAtStripe_AndSaysWhyForItsCountry()
    {
        await sync.SyncAsync(workspace, Values(), Ct);
        var customerId = Assert.Single(api.TaxIds.Keys);
        var since = api.Requests.Count;
        api.RefusedTaxIds.Add("DE000000000");

        var result = await sync.SyncAsync(workspace, Values(taxId: "DE000000000", line2: null), Ct);

        Assert.Equal("Stripe did not accept this EU VAT number for Germany: Invalid value for eu_vat.", result.TaxIdRefusal);
        // Refused first, so the customer kept its address line and its tax id: no update, no delete.
        Assert.DoesNotContain(api.Requests.Skip(since), r => r.Method == "DELETE" || r.Path == $"/v1/customers/{customerId}");
        Assert.Equal("DE123456789", (string?)Assert.Single(api.TaxIds[customerId])["value"]);
        Assert.Null((await sync.SyncAsync(workspace, Values(), Ct)).TaxIdRefusal);
    }
}
