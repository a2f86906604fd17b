using BillingPortal.Components.Layout;
using BillingPortal.Domain;
using BillingPortal.Features.Subscriptions.Status;
using BillingPortal.Security;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Components;

/// <summary>The layout's subscription banner over a real SQLite file: who sees it, with which links, and when it re-reads.</summary>
public sealed class BannerComponentTests : BunitContextBase, IAsyncLifetime
{
    private TestDatabase database = default!;
    private Guid workspaceId;
    private readonly Dictionary<string, string> users = [];

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(); // 2026-03-01 09:00 UTC
        Services.AddSingleton(new SubscriptionStatusQuery(database.Factory, database.Clock));
        Services.AddSingleton(new WorkspaceDirectory(database.Factory));
        Services.AddSingleton<TimeProvider>(database.Clock);
        users["owner"] = await database.AddUserAsync("owner@example.test");
        workspaceId = await database.Provisioner.CreateTeamWorkspaceAsync("Globex", users["owner"], PlanCatalog.Pro, trialDays: 9, Ct);
        foreach (var (name, role, permissions) in new[]
        {
            ("finance", WorkspaceRole.Member, WorkspacePermissions.BillingRead),
            ("member", WorkspaceRole.Member, WorkspacePermissions.None),
            ("viewer", WorkspaceRole.Viewer, WorkspacePermissions.None),
        })
        {
            users[name] = await database.AddUserAsync($"{name}@example.test");
            await using var db = database.Open();
            db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = workspaceId, UserId = users[name], Role = role, Permissions = permissions, JoinedAt = database.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(Ct);
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public void Owner_DuringTheTrial_SeesTheCountdownWithAPlansLink_AsAPoliteStatus()
    {
        var cut = RenderAs("owner");

        var banner = cut.WaitForElement("[data-testid=subscription-banner]");
        Assert.Equal("status", banner.GetAttribute("role"));
        Assert.Equal("Your Pro trial ends in 9 days (10 Mar 2026).", cut.Find("[data-testid=subscription-banner-message]").TextContent.Trim());
        var links = cut.FindAll("[data-testid=subscription-banner] a");
        Assert.Equal(["Add a payment method", "Choose a plan"], links.Select(a => a.TextContent.Trim()));
        Assert.Equal(["billing/payment", "billing/plans"], links.Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void Finance_SeesTheCountdown_WithoutLinks()
    {
        var cut = RenderAs("finance");

        cut.WaitForElement("[data-testid=subscription-banner]");
        Assert.Contains("trial ends in 9 days", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=subscription-banner] a"));
    }

    [Theory]
    [InlineData("member")]
    [InlineData("viewer")]
    public async Task PeopleWithoutBillingRead_SeeNothing_EvenWhenPastDue(string who)
    {
        await SetStatusAsync(SubscriptionStatus.PastDue);

        var cut = RenderAs(who);

        Assert.Empty(cut.FindAll("[data-testid=subscription-banner]"));
    }

    [Fact]
    public void AnonymousVisitor_SeesNothing_AndNothingBreaks()
    {
        var cut = Render<SubscriptionBanner>();

        Assert.Empty(cut.FindAll("[data-testid=subscription-banner]"));
    }

    [Fact]
    public void ExpiredTrialWithoutACard_IsAnAlertLinkingPaymentAndPlans()
    {
        database.Clock.Advance(TimeSpan.FromDays(10));

        var cut = RenderAs("owner");

        var banner = cut.WaitForElement("[data-testid=subscription-banner]");
        Assert.Equal("alert", banner.GetAttribute("role"));
        Assert.Equal("TrialExpired", banner.GetAttribute("data-kind"));
        Assert.Contains("New agent runs are paused until you add a payment method or switch to Free.", banner.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterNavigating_TheBannerReadsAgain_SoPayingMakesItGo()
    {
        await SetStatusAsync(SubscriptionStatus.PastDue);
        var cut = RenderAs("owner");
        cut.WaitForAssertion(() => Assert.Equal("PastDue", cut.Find("[data-testid=subscription-banner]").GetAttribute("data-kind")));

        await SetStatusAsync(SubscriptionStatus.Active); // paid
        Services.GetRequiredService<NavigationManager>().NavigateTo("billing/usage");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=subscription-banner]")));
    }

    private IRenderedComponent<SubscriptionBanner> RenderAs(string who)
    {
        SignInAs(users[who], $"{who}@example.test");
        return Render<SubscriptionBanner>();
    }

    private async Task SetStatusAsync(SubscriptionStatus status)
    {
        await using var db = database.Open();
        await db.Subscriptions.Where(s => s.WorkspaceId == workspaceId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Status, status)
            .SetProperty(x => x.PastDueSince, status == SubscriptionStatus.PastDue ? database.Clock.GetUtcNow().UtcDateTime : null), Ct);
    }
}
