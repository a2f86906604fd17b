using BillingPortal.Data;
using BillingPortal.Domain.Audit;
using BillingPortal.Features.Activity;
using BillingPortal.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BillingPortal.Tests.Browser;

/// <summary>The Activity page in Chromium: its rows, the kind filter, and pictures in light and dark at 390 and 1280 px.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ActivityPageTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Finance_LooksAtActivity_FiltersByKind_InLightAndDark_AtDesktopAndPhoneWidth()
    {
        await SeedAsync();
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync("finance@acme.test", scheme, width);
            var response = await tab.Page.GotoAsync("billing/activity");
            Assert.Equal(200, response?.Status);
            await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
            await Assertions.Expect(tab.Page.GetByTestId("activity-action").First).ToBeVisibleAsync();
            await Assertions.Expect(tab.Page.GetByText("role: Member → Admin").First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(tab.Page, Screenshots.Name("activity", scheme, width), width);
        }

        await using var filtered = await browser.OpenAsync("finance@acme.test");
        await filtered.Page.GotoAsync("billing/activity");
        await Assertions.Expect(filtered.Page.GetByTestId("activity-page")).ToHaveAttributeAsync("data-interactive", "true");
        await filtered.Page.GetByTestId("activity-kind").ClickAsync();
        await filtered.Page.GetByRole(AriaRole.Option, new() { Name = "API keys" }).ClickAsync();
        await Assertions.Expect(filtered.Page.GetByTestId("activity-action").Filter(new() { HasText = "Role changed" })).ToHaveCountAsync(0);
        await Assertions.Expect(filtered.Page.GetByTestId("activity-action").Filter(new() { HasText = "API key created" }).First).ToBeVisibleAsync();
    }

    private async Task SeedAsync()
    {
        var services = browser.App.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<BillingDbContext>>().CreateDbContextAsync(Ct);
        var workspace = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
        if (await db.AuditEntries.AnyAsync(a => a.WorkspaceId == workspace && a.TargetLabel == "ci-deploy", Ct))
            return;
        var owner = await db.Users.Where(u => u.Email == "owner@acme.test").Select(u => u.Id).SingleAsync(Ct);
        var by = AuditActor.User(owner, "owner@acme.test", AuditSource.Page);
        await services.GetRequiredService<BillingWrites>().RunAsync((scope, _) =>
        {
            var trail = services.GetRequiredService<AuditTrail>();
            trail.RecordWithin(scope, by, new AuditChange(workspace, AuditActions.MemberRoleChanged, "u", "member@acme.test",
                new Dictionary<string, object?> { ["role"] = "Member" }, new Dictionary<string, object?> { ["role"] = "Admin" }));
            trail.RecordWithin(scope, by with { Source = AuditSource.Api }, new AuditChange(workspace, AuditActions.ApiKeyCreated, "k", "ci-deploy",
                null, new Dictionary<string, object?> { ["name"] = "ci-deploy", ["prefix"] = "bp_live_3f9a" }));
            trail.RecordWithin(scope, AuditActor.Worker(), new AuditChange(workspace, AuditActions.PlanSwitched, "w", "Free",
                new Dictionary<string, object?> { ["plan"] = "pro" }, new Dictionary<string, object?> { ["plan"] = "free" }));
            return Task.FromResult(0);
        }, Ct);
    }
}
