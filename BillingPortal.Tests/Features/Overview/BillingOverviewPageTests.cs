using BillingPortal.Domain;
using BillingPortal.Features.Overview;
using BillingPortal.Ledger;
using BillingPortal.Security;
using BillingPortal.Tests.Infrastructure;
using Bunit;

namespace BillingPortal.Tests.Features.Overview;

/// <summary>The page over a real SQLite file, with the real service and workspace directory.</summary>
public sealed class BillingOverviewPageTests : BunitContextBase, IAsyncLifetime
{
    private TestDatabase database = default!;
    private string ownerId = default!;
    private Guid workspaceId;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        Services.AddSingleton(new OverviewService(database.Factory, database.Clock));
        Services.AddSingleton(new WorkspaceDirectory(database.Factory));
        Services.AddSingleton(new BillingPortal.Features.Notifications.OutOfCreditsQuery(database.Factory));
        Services.AddSingleton(new BillingPortal.Features.Forecasts.ForecastService(database.Factory, database.Clock));
        // The forecast card's "Use this in auto top-up" opens the auto top-up dialog, which saves through this service.
        Services.AddSingleton(sp => new BillingPortal.Features.Credits.AutoTopUp.CreditSettingsService(database.Factory, database.Writes,
            sp.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationService>(),
            new BillingPortal.Features.Credits.AutoTopUp.AutoTopUpSettingsCache(database.Factory, database.Clock), database.Clock));
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        ownerId = await database.AddUserAsync("owner@example.test");
        workspaceId = await database.Provisioner.CreateTeamWorkspaceAsync("Globex", ownerId, PlanCatalog.Pro, trialDays: 9, Ct);
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Render_ForTheOwner_ShowsTheWorkspacesFiguresFromTheDatabase()
    {
        await database.Ledger.PostCreditAsync(LedgerEntryType.Purchase, new Posting(workspaceId, 12_345_678, "buy-1", "Credit purchase"), Ct);
        await database.Ledger.DebitAsync(new Posting(workspaceId, 30_000_000, "run-1", "Agent usage"), DebitMode.AllowOverdraft, Ct);
        SignInAs(ownerId, "owner@example.test", BillingPolicies.Read);

        var cut = Render<BillingOverviewPage>();

        cut.WaitForElement("[data-testid=credit-balance]");
        Assert.Equal("$7.35", cut.Find("[data-testid=credit-balance]").TextContent); // 12.345678 - 5.00 of usage past the allowance
        Assert.Equal("$0.00", cut.Find("[data-testid=allowance-remaining]").TextContent);
        Assert.Equal("Trial · 9 days left", cut.Find("[data-testid=subscription-status]").TextContent.Trim());
        Assert.Equal("$12.35", cut.Find("[data-testid=lifetime-added]").TextContent);
        Assert.Equal("$30.00", cut.Find("[data-testid=lifetime-spent]").TextContent);
        Assert.Equal(3, cut.FindAll("[data-testid=recent-activity] table tbody tr").Count);
        Assert.Contains("Globex · Team workspace", cut.Markup);
        // No usage rollups yet: the forecast says so rather than guess.
        Assert.StartsWith("Not enough history yet", cut.Find("[data-testid=forecast-pace]").TextContent.Trim());
    }

    [Fact]
    public async Task Render_ForAMemberWithoutBillingRead_ShowsAccessDeniedAndNoFigures()
    {
        var memberId = await database.AddUserAsync("member@example.test");
        await using (var db = database.Open())
        {
            db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = workspaceId, UserId = memberId, Role = WorkspaceRole.Member });
            await db.SaveChangesAsync(Ct);
        }
        SignInAs(memberId, "member@example.test");

        var cut = Render<BillingOverviewPage>();

        cut.WaitForAssertion(() => Assert.Contains("Access denied", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=credit-balance]"));
        Assert.Empty(cut.FindAll("[data-testid=recent-activity]"));
        Assert.Empty(cut.FindAll("[data-testid=forecast]"));
    }
}
