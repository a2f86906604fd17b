using System.Security.Claims;
using BillingPortal.Features.Invoices.Collection;
using BillingPortal.Features.Payments.Gateway;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace BillingPortal.Features.Payments.Methods;

/// <summary>
/// The workspace's unpaid invoices on the Payment page, with "Pay now" for Owners and Admins. Shows nothing when all
/// invoices are paid. Paying goes through <see cref="OutstandingInvoices"/>, which checks billing:manage again.
/// </summary>
public partial class OutstandingInvoicesCard
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private OutstandingInvoices Outstanding { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private PaymentsAvailability Payments { get; set; } = default!;

    /// <summary>The workspace whose invoices to list (its billing:read was checked by the page).</summary>
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }

    /// <summary>Shows "Pay now" (Owners and Admins); the click is authorized again on the server.</summary>
    [Parameter] public bool CanManage { get; set; }

    private IReadOnlyList<OutstandingInvoice>? invoices;
    private string? message;
    private bool busy;

    protected override async Task OnParametersSetAsync() => invoices = await Outstanding.ListAsync(WorkspaceId);

    private async Task PayNowAsync()
    {
        busy = true;
        try
        {
            ClaimsPrincipal user = (await AuthState).User;
            var result = await Outstanding.PayNowAsync(user, WorkspaceId);
            message = result.Succeeded ? null : result.Message;
            if (result.Succeeded)
                Snackbar.Add(result.Message, Severity.Success);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            message = "The payment provider could not be reached. Try again in a moment.";
        }
        finally
        {
            busy = false;
        }
        invoices = await Outstanding.ListAsync(WorkspaceId);
    }
}
