using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Payments;
using BillingPortal.Domain.Subscriptions;
using BillingPortal.Features.Invoices;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Payments.Local;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>The Payment page of a workspace with a past-due invoice: what an Owner sees, and paying it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OutstandingInvoicesTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Owner_LooksAtAPastDueInvoice_OnThePaymentPage_InLightAndDark_AtDesktopAndPhoneWidth()
    {
        var (email, _, invoice) = await PastDueWorkspaceAsync("screens");
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync(email, scheme, width);
            await OpenAsync(tab.Page, scheme);
            var row = tab.Page.GetByTestId("outstanding-invoice");
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row).ToContainTextAsync(invoice.DisplayNumber);
            await Expect(row).ToContainTextAsync("$49.00");
            await Expect(row.GetByTestId("invoice-status")).ToHaveTextAsync("Past due");
            await Expect(tab.Page.GetByTestId("pay-now")).ToContainTextAsync("Pay $49.00 now");
            await Screenshots.SaveAsync(tab.Page, $"outstanding-invoices-{scheme.ToString().ToLowerInvariant()}-{width}", width);
        }
    }

    [Fact]
    public async Task Owner_PaysAPastDueInvoice_WithPayNow_AndTheWorkspaceIsActiveAgain()
    {
        var (email, workspaceId, invoice) = await PastDueWorkspaceAsync("pay");
        await using var tab = await browser.OpenAsync(email);
        var page = tab.Page;
        await OpenAsync(page, ColorScheme.Light);
        await Expect(page.GetByTestId("outstanding-invoice")).ToHaveCountAsync(1);
        CreditsPageTests.AssertNoBlocking(await page.RunAxe(), "payment page with a past-due invoice");

        await page.GetByTestId("pay-now").ClickAsync();

        await Expect(page.GetByText($"Paid {invoice.DisplayNumber} ($49.00).")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("outstanding-invoices")).ToHaveCountAsync(0);
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync(Ct))
        {
            Assert.Equal(InvoiceStatus.Paid, (await db.Invoices.SingleAsync(i => i.Id == invoice.Id, Ct)).Status);
            Assert.Equal(SubscriptionStatus.Active, (await db.Subscriptions.SingleAsync(s => s.WorkspaceId == workspaceId, Ct)).Status);
            var payment = await db.Payments.SingleAsync(p => p.InvoiceId == invoice.Id, Ct);
            Assert.Equal((PaymentStatus.Succeeded, "Visa •••• 4242"), (payment.Status, payment.CardDescription));
        }
        // The charge history, reloaded on the next visit, lists the invoice payment.
        await OpenAsync(page, ColorScheme.Light);
        await Expect(page.GetByTestId("charge-history")).ToContainTextAsync("Invoice");
        await Expect(page.GetByTestId("outstanding-invoices")).ToHaveCountAsync(0);
    }

    private static async Task OpenAsync(IPage page, ColorScheme scheme)
    {
        var response = await page.GotoAsync("billing/payment");
        Assert.Equal(200, response?.Status);
        await BrowserFixture.WaitForColorSchemeAsync(page, scheme);
        await Expect(page.Locator("[data-testid=payment-page][data-interactive=true]")).ToHaveCountAsync(1);
    }

    /// <summary>
    /// A Pro workspace of its own with a local Visa 4242 and one $49 invoice that fell due three days ago, its automatic
    /// retries used up (so the worker leaves it alone whatever other tests do to the clock), the workspace Past Due.
    /// </summary>
    private async Task<(string Email, Guid WorkspaceId, Invoice Invoice)> PastDueWorkspaceAsync(string name)
    {
        var email = $"{name}-owner@dunning.test";
        if (BrowserFixture.ChromiumPath is null)
            return (email, Guid.Empty, null!); // OpenAsync reports the skip
        var workspaceId = await TestWorkspaces.CreateAsync(browser, email, $"Dunning {name}", PlanCatalog.Pro);
        using var scope = browser.App.Services.CreateScope();
        var token = await scope.ServiceProvider.GetRequiredService<LocalCardVault>().SaveAsync(LocalCardBehavior.Succeeds, ct: Ct);
        await scope.ServiceProvider.GetRequiredService<PaymentMethodStore>().AttachAsync(new CardAttach(workspaceId, PaymentProvider.Local, token, "visa", "4242", 12, 2035), Ct);

        var now = browser.App.Clock.GetUtcNow().UtcDateTime;
        var issued = now.AddDays(-10);
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        db.Database.AutoSavepointsEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(Ct);
        var invoice = (await InvoiceIssuer.IssueWithinAsync(db, new InvoiceDraft(workspaceId, InvoiceKind.Period, $"period:{issued:yyyyMMddHHmmss}",
            PlanCatalog.Pro.Code, issued.AddMonths(-1), issued, issued, issued + BillingTerms.DueAfter, $"Dunning {name}", email,
            [new InvoiceLineSpec(InvoiceLineKind.PlanFee, "Pro plan", 49 * Money.MicrosPerDollar)]), Ct)).Invoice;
        invoice.Status = InvoiceStatus.PastDue;
        invoice.NextPaymentAttemptAt = null;
        var subscription = await db.Subscriptions.SingleAsync(s => s.WorkspaceId == workspaceId, Ct);
        Dunning.MarkPastDue(subscription, invoice.DueAt);
        await db.SaveChangesAsync(Ct);
        await tx.CommitAsync(Ct);
        return (email, workspaceId, invoice);
    }
}
