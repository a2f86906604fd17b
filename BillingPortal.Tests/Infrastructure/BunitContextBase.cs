using System.Globalization;
using System.Security.Claims;
using BillingPortal.Features.Payments.Gateway;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace BillingPortal.Tests.Infrastructure;

/// <summary>
/// The one shared bUnit context for component tests: JS interop in loose mode, MudBlazor's services
/// with transitions off and no popover provider required (as MudBlazor's own tests set them up),
/// a fake authentication state, and en-US as the culture so money and dates render predictably.
/// Test classes derive from it; each test gets a fresh context.
/// </summary>
public abstract class BunitContextBase : BunitContext
{
    private readonly CultureInfo originalCulture = CultureInfo.CurrentCulture;
    private readonly CultureInfo originalUiCulture = CultureInfo.CurrentUICulture;

    protected BunitContextBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        Authorization = AddAuthorization();
        // Components next to a money action ask whether payments can be taken; as in Development, they can.
        Services.AddSingleton(new PaymentsAvailability(PaymentsMode.LocalCheckout));
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
    }

    /// <summary>The fake authentication and authorization state components see (anonymous until signed in).</summary>
    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>
    /// Signs a user in as components see it: the Identity user id claim that <c>ClaimsPrincipal.UserId()</c>
    /// reads, and the policies that <c>AuthorizeView</c> should find granted.
    /// </summary>
    protected void SignInAs(string userId, string email = "user@example.test", params string[] grantedPolicies)
    {
        Authorization.SetAuthorized(email);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Email, email));
        Authorization.SetPolicies(grantedPolicies);
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentCulture = originalCulture;
        CultureInfo.CurrentUICulture = originalUiCulture;
        base.Dispose(disposing);
    }
}
