using System.Net;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Features.Workspaces;
using BillingPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Api;

/// <summary>
/// Every billing route and endpoint against every kind of caller: the server's answer, not the menu's.
/// "outsider" owns a workspace of their own and belongs to nothing of Acme's.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.App app) : IClassFixture<AuthorizationMatrixTests.App>
{
    public const string Acme = "{acme}";
    /// <summary>An invoice of Acme's, issued when the fixture starts.</summary>
    public const string AcmeInvoice = "{acme-invoice}";

    public enum Expect { Allow, Deny, Login }

    /// <summary>Route, caller, expected answer, and text only an allowed caller's page shows (empty: none checked).</summary>
    public static TheoryData<string, string, Expect, string> Matrix()
    {
        var data = new TheoryData<string, string, Expect, string>();
        void Row(string route, string marker, Expect anonymous, Expect owner, Expect admin, Expect finance, Expect member, Expect viewer, Expect outsider)
        {
            data.Add(route, "anonymous", anonymous, marker);
            data.Add(route, "owner@acme.test", owner, marker);
            data.Add(route, "admin@acme.test", admin, marker);
            data.Add(route, "finance@acme.test", finance, marker);
            data.Add(route, "member@acme.test", member, marker);
            data.Add(route, "viewer@acme.test", viewer, marker);
            data.Add(route, App.Outsider, outsider, marker);
        }
        const Expect A = Expect.Allow, D = Expect.Deny, L = Expect.Login;
        // Pages show the caller's current workspace: the outsider sees their own (never Acme's, asserted below).
        Row("/billing", "data-testid=\"credit-balance\"", L, A, A, A, D, D, A);
        Row("/billing/usage", "data-testid=\"usage-range\"", L, A, A, A, D, D, A); // charts, or the empty state of a workspace without usage
        Row("/billing/usage/runs/no-such-run", "", L, A, A, A, D, D, A);
        Row("/billing/rates", "never reprices", L, A, A, A, D, D, A);
        Row("/billing/credits", "data-testid=\"credit-balance\"", L, A, A, A, D, D, A);
        Row("/billing/payment", "Charge history", L, A, A, A, D, D, A);
        Row("/billing/plans", "data-testid=\"plan-card\"", L, A, A, A, D, D, A);
        Row("/billing/invoices", "data-testid=\"invoices-page\"", L, A, A, A, D, D, A);
        Row($"/billing/invoices/{AcmeInvoice}", "", L, A, A, A, D, D, A);
        Row("/billing/invoices/upcoming", "data-testid=\"upcoming-invoice-page\"", L, A, A, A, D, D, A);
        Row("/billing/details", "data-testid=\"billing-details-page\"", L, A, A, A, D, D, A);
        Row("/billing/budgets", "data-testid=\"budgets-page\"", L, A, A, A, D, D, A);
        Row("/workspace/members", "", L, A, A, D, D, D, A);
        Row("/workspace/api-keys", "Create key", L, A, A, D, D, D, A);
        // Local checkout pages: billing:manage; a checkout of another workspace reads as unknown.
        Row("/checkout/local/cs_local_nope", "This checkout doesn", L, A, A, D, D, D, A);
        Row("/checkout/local/setup/seti_local_nope", "This checkout doesn", L, A, A, D, D, D, A);
        Row($"/billing/credits/return?payment={Guid.Empty}", "This purchase doesn", L, A, A, A, D, D, A);
        // APIs name the workspace: only its members with the right role get in.
        Row($"/api/workspaces/{Acme}/billing/overview", "", L, A, A, A, D, D, D);
        Row($"/api/workspaces/{Acme}/billing/ledger", "", L, A, A, A, D, D, D);
        Row($"/api/workspaces/{Acme}/billing/usage/export?format=csv", "", L, A, A, A, D, D, D);
        Row($"/api/workspaces/{Acme}/billing/ledger/export?format=csv", "", L, A, A, A, D, D, D);
        Row($"/api/workspaces/{Acme}/billing/invoices/{AcmeInvoice}/pdf", "", L, A, A, A, D, D, D);
        Row($"/api/workspaces/{Guid.Empty}/billing/overview", "", L, D, D, D, D, D, D);
        // Everyone signed in reads their own notifications (of their current workspace).
        Row("/notifications", "data-testid=\"notifications-page\"", L, A, A, A, A, A, A);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Route_AnswersEachCaller_AsTheRolesAllow(string route, string caller, Expect expected, string marker)
    {
        var client = caller == "anonymous" ? app.Factory.CreateBrowserlikeClient() : await app.ClientFor(caller);
        var url = route.Replace(Acme, app.AcmeId.ToString());
        url = url.Replace(AcmeInvoice, app.AcmeInvoiceId.ToString());
        var isApi = url.StartsWith("/api/", StringComparison.Ordinal);

        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        switch (expected)
        {
            case Expect.Allow:
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{caller} {url}: {(int)response.StatusCode}");
                if (marker.Length > 0)
                    Assert.Contains(marker, body);
                if (caller == App.Outsider)
                    Assert.DoesNotContain("Acme AI", body);
                break;
            case Expect.Deny:
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                // No billing figure or member list reaches a refused caller (their own workspace's name may show).
                Assert.DoesNotContain("data-testid=\"credit-balance\"", body);
                Assert.DoesNotContain("owner@acme.test", body);
                if (marker.Length > 0)
                    Assert.DoesNotContain(marker, body);
                if (caller == App.Outsider)
                    Assert.DoesNotContain("Acme AI", body);
                if (isApi)
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                else
                    Assert.Contains("Access denied", body);
                break;
            case Expect.Login when isApi:
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                break;
            case Expect.Login:
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
                // After signing in, the person comes back to where they were going.
                Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(url.Split('?')[0]), response.Headers.Location.Query, StringComparison.Ordinal);
                break;
        }
    }

    [Fact]
    public async Task Outsider_SelectingAcme_DoesNotChangeTheirWorkspace()
    {
        var client = await app.ClientFor(App.Outsider);
        var response = await Features.Workspaces.WorkspaceEndpointsTests.PostSelectAsync(client, app.AcmeId, "/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var last = await db.Users.Where(u => u.Email == App.Outsider).Select(u => u.LastWorkspaceId).SingleAsync(TestContext.Current.CancellationToken);
        Assert.NotEqual(app.AcmeId, last);
    }

    /// <summary>The seeded app plus one outsider with a personal workspace; clients logged in once per caller.</summary>
    public sealed class App : IAsyncLifetime
    {
        public const string Outsider = "outsider@other.test";
        private readonly Dictionary<string, HttpClient> clients = [];

        public BillingAppFactory Factory { get; } = new();
        public Guid AcmeId { get; private set; }
        public Guid AcmeInvoiceId { get; private set; }

        public async ValueTask InitializeAsync()
        {
            using var scope = Factory.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var outsider = new ApplicationUser { UserName = Outsider, Email = Outsider, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(outsider, "Outsider!2345")).Succeeded);
            await scope.ServiceProvider.GetRequiredService<WorkspaceProvisioner>().EnsurePersonalWorkspaceAsync(outsider.Id, "outsider");

            await using var db = await Factory.DbFactory.CreateDbContextAsync();
            AcmeId = await db.Workspaces.Where(w => w.Kind == WorkspaceKind.Team && w.Name == "Acme AI").Select(w => w.Id).SingleAsync();
            AcmeInvoiceId = (await Features.Invoices.InvoiceTestData.IssuePeriodAsync(Factory.DbFactory, AcmeId, 0)).Id;
        }

        public async Task<HttpClient> ClientFor(string email)
        {
            if (!clients.TryGetValue(email, out var client))
                clients[email] = client = await Factory.LoginAsync(email, email == Outsider ? "Outsider!2345" : "Demo!2345");
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var client in clients.Values)
                client.Dispose();
            await Factory.DisposeAsync();
        }
    }
}
