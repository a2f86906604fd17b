using BillingPortal.Domain;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using BillingPortal.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// The Out of Credits card: who may buy sees the Purchase button, everyone else is told whom to ask, and nobody
/// sees it while there is money. Each test drains the demo workspace and gives it back before it ends, so the other
/// browser tests find it funded.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OutOfCreditsTests(BrowserFixture browser)
{
    [Fact]
    public async Task Owner_OfADrainedWorkspace_SeesTheCard_WithAPurchaseButton()
    {
        await using (await DrainAcmeAsync())
        {
            await using var tab = await browser.OpenAsync("owner@acme.test", ColorScheme.Dark);
            await tab.Page.GotoAsync("billing");

            var card = tab.Page.GetByTestId("out-of-credits");
            await Expect(card).ToContainTextAsync("Out of credits");
            await Expect(card).ToContainTextAsync("New agent runs are refused until you add credits.");
            var purchase = card.GetByRole(AriaRole.Link, new() { Name = "Purchase credits" });
            await Expect(purchase).ToHaveAttributeAsync("href", "billing/credits?purchase=1");
            await Expect(card).Not.ToContainTextAsync("Contact your workspace Owner or Admin");
        }
    }

    [Fact]
    public async Task Finance_OfADrainedWorkspace_IsToldToContactTheOwnerOrAdmin()
    {
        await using (await DrainAcmeAsync())
        {
            await using var tab = await browser.OpenAsync("finance@acme.test", ColorScheme.Dark);
            await tab.Page.GotoAsync("billing");

            var card = tab.Page.GetByTestId("out-of-credits");
            await Expect(card).ToContainTextAsync("Contact your workspace Owner or Admin to add credits.");
            await Expect(card.GetByRole(AriaRole.Link, new() { Name = "Purchase credits" })).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task Owner_UsingAssistiveTechnology_MeetsNoSeriousBarrier_InTheCard()
    {
        await using (await DrainAcmeAsync())
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await using var tab = await browser.OpenAsync("owner@acme.test", scheme);
                await tab.Page.GotoAsync("billing");
                await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
                await Expect(tab.Page.GetByTestId("out-of-credits")).ToBeVisibleAsync();

                var result = await tab.Page.RunAxe(new AxeRunContext { Include = [new AxeSelector("[data-testid=out-of-credits]")] });

                var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
                Assert.True(blocking.Count == 0, $"{scheme}: " + string.Join("\n", blocking.Select(v => $"{v.Impact} {v.Id}: {v.Help}")));
            }
        }
    }

    [Fact]
    public async Task Nobody_SeesTheCard_WhileTheWorkspaceHasFunds()
    {
        foreach (var email in new[] { "owner@acme.test", "finance@acme.test" })
        {
            await using var tab = await browser.OpenAsync(email, ColorScheme.Dark);
            await tab.Page.GotoAsync("billing");

            await Expect(tab.Page.GetByTestId("credit-balance")).ToBeVisibleAsync();
            await Expect(tab.Page.GetByTestId("out-of-credits")).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task Owner_LooksAtTheCard_InLightAndDark_AtDesktopAndPhoneWidth()
    {
        await using (await DrainAcmeAsync())
        {
            foreach (var (scheme, width) in Screenshots.Looks)
            {
                await using var tab = await browser.OpenAsync("owner@acme.test", scheme, width);
                await tab.Page.GotoAsync("billing");
                await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
                await Expect(tab.Page.GetByTestId("out-of-credits")).ToBeVisibleAsync();
                await Screenshots.SaveAsync(tab.Page, Screenshots.Name("out-of-credits", scheme, width), width);
            }
        }
    }

    /// <summary>Spends Acme's allowance and credits down to -$1 (usage may overdraw); disposing credits it all back.</summary>
    private async Task<IAsyncDisposable> DrainAcmeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(ct);
        var acme = await db.Workspaces.Where(w => w.Kind == WorkspaceKind.Team && w.Name == "Acme AI").Select(w => w.Id).SingleAsync(ct);
        var wallet = await db.Wallets.AsNoTracking().SingleAsync(w => w.WorkspaceId == acme, ct);
        var amount = wallet.CreditBalanceMicros + wallet.AllowanceRemainingMicros + Money.MicrosPerDollar;
        var ledger = browser.App.Services.GetRequiredService<CreditLedger>();
        var key = Guid.NewGuid().ToString("N");
        var drained = await ledger.DebitAsync(new Posting(acme, amount, $"test:drain:{key}", "Browser test: out of credits"), DebitMode.AllowOverdraft, ct);
        Assert.Equal(PostingOutcome.Applied, drained.Outcome);
        return new Refill(() => ledger.PostCreditAsync(LedgerEntryType.Adjustment,
            new Posting(acme, amount, $"test:refill:{key}", "Browser test: funds given back"), CancellationToken.None));
    }

    private sealed class Refill(Func<Task<PostingResult>> refill) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => Assert.Equal(PostingOutcome.Applied, (await refill()).Outcome);
    }
}
