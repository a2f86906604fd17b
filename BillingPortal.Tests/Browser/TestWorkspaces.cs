using System.Collections.Concurrent;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Workspaces;
using Microsoft.AspNetCore.Identity;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// Team workspaces of their own for tests that add cards, invoices or payments, so the demo workspace other tests
/// read stays as seeded. Each Owner signs in with the demo password.
/// </summary>
internal static class TestWorkspaces
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<Guid>>> Made = new(StringComparer.Ordinal);

    /// <summary>
    /// The workspace of <paramref name="ownerEmail"/>, made (and set up) on first use and shared by the run's later
    /// callers. <see cref="Guid.Empty"/> without Chromium: the test's own opening reports the skip.
    /// </summary>
    public static Task<Guid> OnceAsync(BrowserFixture browser, string ownerEmail, string name, Plan plan, Func<IServiceProvider, Guid, Task>? setUp = null) =>
        BrowserFixture.ChromiumPath is null
            ? Task.FromResult(Guid.Empty)
            : Made.GetOrAdd(ownerEmail, _ => new Lazy<Task<Guid>>(() => CreateAsync(browser, ownerEmail, name, plan, setUp))).Value;

    /// <summary>A new Owner and their team workspace on <paramref name="plan"/>, then <paramref name="setUp"/> with the app's services.</summary>
    public static async Task<Guid> CreateAsync(BrowserFixture browser, string ownerEmail, string name, Plan plan, Func<IServiceProvider, Guid, Task>? setUp = null)
    {
        using var scope = browser.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var owner = new ApplicationUser { UserName = ownerEmail, Email = ownerEmail, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(owner, DemoSeeder.Password)).Succeeded);
        var id = await scope.ServiceProvider.GetRequiredService<WorkspaceProvisioner>().CreateTeamWorkspaceAsync(name, owner.Id, plan, trialDays: null);
        if (setUp is not null)
            await setUp(scope.ServiceProvider, id);
        return id;
    }
}
