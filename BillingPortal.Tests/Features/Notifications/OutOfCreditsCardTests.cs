using BillingPortal.Components.Shared;
using BillingPortal.Domain;
using BillingPortal.Features.Notifications;
using BillingPortal.Ledger;
using BillingPortal.Security;
using BillingPortal.Tests.Infrastructure;
using Bunit;

namespace BillingPortal.Tests.Features.Notifications;

/// <summary>The card over a real SQLite wallet: shown only when allowance plus credits is used up, with the right call to action.</summary>
public sealed class OutOfCreditsCardTests : BunitContextBase, IAsyncLifetime
{
    private TestDatabase database = default!;
    private string ownerId = default!;
    private Guid workspaceId;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        Services.AddSingleton(new OutOfCreditsQuery(database.Factory));
        ownerId = await database.AddUserAsync("owner@example.test");
        workspaceId = await database.Provisioner.CreateTeamWorkspaceAsync("Globex", ownerId, PlanCatalog.Pro, trialDays: null, Ct);
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        await database.DisposeAsync();
    }

    private async Task SpendAsync(long extraMicros)
    {
        await using var db = database.Open();
        var wallet = db.Wallets.Single(w => w.WorkspaceId == workspaceId);
        var amount = wallet.CreditBalanceMicros + wallet.AllowanceRemainingMicros + extraMicros;
        await database.Ledger.DebitAsync(new Posting(workspaceId, amount, $"spend-{extraMicros}", "usage"), DebitMode.AllowOverdraft, Ct);
    }

    [Fact]
    public async Task OnceCreditsAreAdded_TheCardGoes()
    {
        await SpendAsync(0);
        SignInAs(ownerId, "owner@example.test", BillingPolicies.Read, BillingPolicies.Manage);
        var cut = Render<OutOfCreditsCard>(p => p.Add(c => c.WorkspaceId, workspaceId));
        cut.WaitForElement("[data-testid=out-of-credits]");

        await database.Ledger.PostCreditAsync(LedgerEntryType.Purchase, new Posting(workspaceId, 5_000_000, "buy-1", "Credit purchase"), Ct);
        cut.Render(p => p.Add(c => c.WorkspaceId, workspaceId));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=out-of-credits]")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_000)]
    public async Task AtOrBelowZero_ForWhoMayBuy_OffersThePurchaseButton(long overdrawnMicros)
    {
        await SpendAsync(overdrawnMicros);
        SignInAs(ownerId, "owner@example.test", BillingPolicies.Read, BillingPolicies.Manage);

        var cut = Render<OutOfCreditsCard>(p => p.Add(c => c.WorkspaceId, workspaceId));

        var card = cut.WaitForElement("[data-testid=out-of-credits]");
        Assert.Contains("New agent runs are refused until you add credits.", card.TextContent);
        Assert.Equal("billing/credits?purchase=1", cut.Find("a[href]").GetAttribute("href"));
        Assert.DoesNotContain("Contact your workspace Owner or Admin", card.TextContent);
    }

    [Fact]
    public async Task AtZero_ForAReader_SaysWhomToAsk_AndOffersNoButton()
    {
        await SpendAsync(0);
        SignInAs(ownerId, "finance@example.test", BillingPolicies.Read);

        var cut = Render<OutOfCreditsCard>(p => p.Add(c => c.WorkspaceId, workspaceId));

        var card = cut.WaitForElement("[data-testid=out-of-credits]");
        Assert.Contains("Contact your workspace Owner or Admin to add credits.", card.TextContent);
        Assert.Empty(cut.FindAll("a[href]"));
    }
}
