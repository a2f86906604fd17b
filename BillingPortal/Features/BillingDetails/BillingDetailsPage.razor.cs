using BillingPortal.Domain.BillingDetails;
using BillingPortal.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BillingPortal.Features.BillingDetails;

/// <summary>Billing details: a form for Owners and Admins, the same fields read-only for billing:read.</summary>
public partial class BillingDetailsPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private WorkspaceDirectory Directory { get; set; } = default!;
    [Inject] private BillingDetailsService Details { get; set; } = default!;

    private Guid workspaceId;
    private bool loaded, denied, canManage, busy, succeeded;
    private string? legalName, line1, line2, city, postalCode, region, country, taxIdType, taxId, email;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private string? message;

    protected override async Task OnInitializedAsync()
    {
        // Fixed for the page's lifetime, like the other billing pages: a switch elsewhere must not retarget the form.
        var access = await Directory.ResolveCurrentAsync((await AuthState).User.UserId());
        if (access is not { CanReadBilling: true })
        {
            denied = true;
            return;
        }
        workspaceId = access.WorkspaceId;
        canManage = access.CanManageBilling;
        if (await Details.GetAsync(workspaceId) is { } saved)
        {
            var v = saved.Values;
            (legalName, line1, line2, city, postalCode, region, country, taxIdType, taxId, email) =
                (v.LegalName, v.AddressLine1, v.AddressLine2, v.City, v.PostalCode, v.Region, v.Country, v.TaxIdType, v.TaxId, v.Email);
        }
        else
        {
            legalName = access.WorkspaceName;
        }
        loaded = true;
    }

    private async Task SaveAsync()
    {
        busy = true;
        try
        {
            // The service checks billing:manage again: a user demoted while the page is open is refused here.
            var result = await Details.SaveAsync((await AuthState).User, workspaceId,
                new BillingDetailsInput(legalName, line1, line2, city, postalCode, region, country, taxIdType, taxId, email));
            succeeded = result.Succeeded;
            message = result.Message;
            errors = result.Errors;
        }
        finally
        {
            busy = false;
        }
    }

    private bool Has(string field) => errors.ContainsKey(field);

    private string? ErrorOf(string field) => errors.GetValueOrDefault(field);
}
