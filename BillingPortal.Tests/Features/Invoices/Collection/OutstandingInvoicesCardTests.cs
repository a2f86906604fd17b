using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Invoices.Collection;
using BillingPortal.Features.Payments.Methods;
using BillingPortal.Tests.Infrastructure;
using Bunit;

namespace BillingPortal.Tests.Features.Invoices.Collection;

/// <summary>The Payment page's card over a real database: who sees what, and "Pay now" checked again on the server.</summary>
public sealed class OutstandingInvoicesCardTests : BunitContextBase
{
    [Fact]
    public async Task Finance_SeesTheUnpaidInvoices_ButNoPayNow()
    {
        await using var f = await CollectionFixture.CreateAsync();
        var invoice = await f.IssueAsync(49 * Money.MicrosPerDollar);
        SignInAs("finance-id", "finance@collect.test");

        var cut = Render(f, canManage: false);

        var row = cut.WaitForElement("[data-testid=outstanding-invoice]");
        Assert.Contains(invoice.DisplayNumber, row.TextContent);
        Assert.Contains("$49.00", row.TextContent);
        Assert.Equal("Open", cut.Find("[data-testid=invoice-status]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=pay-now]"));
    }

    [Fact]
    public async Task WithNothingUnpaid_TheCardIsNotShown()
    {
        await using var f = await CollectionFixture.CreateAsync();
        await f.IssueAsync(0);
        SignInAs(f.OwnerId);

        var cut = Render(f, canManage: true);

        Assert.Empty(cut.FindAll("[data-testid=outstanding-invoices]"));
    }

    [Fact]
    public async Task Owner_PressesPayNow_AndTheInvoiceIsPaid_AndTheCardGoes()
    {
        await using var f = await CollectionFixture.CreateAsync();
        await f.AddCardAsync(LocalCardBehavior.Succeeds, "4242");
        var invoice = await f.IssueAsync();
        SignInAs(f.OwnerId);
        var cut = Render(f, canManage: true);

        await cut.WaitForElement("[data-testid=pay-now]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=outstanding-invoices]")));
        Assert.Equal(InvoiceStatus.Paid, (await f.InvoiceAsync(invoice.Id)).Status);
    }

    [Fact]
    public async Task AManagerDemotedWhileThePageIsOpen_IsRefusedOnPayNow_AndNothingIsCharged()
    {
        await using var f = await CollectionFixture.CreateAsync();
        await f.AddCardAsync(LocalCardBehavior.Succeeds, "4242");
        var invoice = await f.IssueAsync();
        var finance = await f.AddMemberAsync("demoted@collect.test", WorkspaceRole.Member, WorkspacePermissions.BillingRead);
        SignInAs(finance.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value);
        var cut = Render(f, canManage: true); // the page decided when the user was still an Admin

        await cut.WaitForElement("[data-testid=pay-now]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(OutstandingInvoices.NotAllowed, cut.Find("[data-testid=pay-now-error]").TextContent.Trim()));
        Assert.Empty(await f.PaymentsAsync(invoice.Id));
        Assert.Equal(InvoiceStatus.Open, (await f.InvoiceAsync(invoice.Id)).Status);
    }

    private IRenderedComponent<OutstandingInvoicesCard> Render(CollectionFixture f, bool canManage)
    {
        Services.AddSingleton(f.Outstanding);
        return Render<OutstandingInvoicesCard>(p => p.Add(c => c.WorkspaceId, f.WorkspaceId).Add(c => c.CanManage, canManage));
    }
}
