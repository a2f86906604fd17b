using BillingPortal.Components.Layout;

namespace BillingPortal.Tests.Components.Layout;

/// <summary>The drawer's links are plain markup now; which is active follows NavLink's rule.</summary>
public sealed class NavMenuActiveTests
{
    [Theory]
    [InlineData("", "", true, true)]
    [InlineData("billing/usage", "", true, false)]
    [InlineData("billing", "billing", true, true)]
    [InlineData("billing/usage", "billing", true, false)]
    [InlineData("billing/usage", "billing/usage", false, true)]
    [InlineData("billing/usage/runs/r1", "billing/usage", false, true)]
    [InlineData("Billing/Usage", "billing/usage", false, true)]
    [InlineData("billing/usages", "billing/usage", false, false)]
    [InlineData("billing/credits", "billing/usage", false, false)]
    public void Link_IsActive_AsNavLinkWouldMarkIt(string path, string href, bool matchAll, bool active) =>
        Assert.Equal(active, NavMenu.IsActive(path, href, matchAll));
}
