using System.Globalization;
using System.Security.Claims;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BillingPortal.Features.Credits;

/// <summary>
/// Buys credits: a pack or a custom amount, then the checkout. The dialog makes its request key when it opens
/// and reuses it on every click, so five rapid clicks or a retry after an error start one checkout.
/// </summary>
public partial class PurchaseDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private PurchaseCredits Purchases { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The workspace to buy for.</summary>
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }

    /// <summary>Who buys; checked for billing:manage again when the purchase starts.</summary>
    [Parameter, EditorRequired] public ClaimsPrincipal User { get; set; } = default!;

    private readonly string requestKey = Guid.NewGuid().ToString("N");
    private string? selectedPack = PurchaseRules.Packs[1].Code;
    private string? customText;
    private string? amountError;
    private string? serverError;
    private bool starting;

    private string SelectedAmountText => Amount() is { } micros ? $" · {new Money(micros).Format(CultureInfo.InvariantCulture)}" : "";

    private void SelectPack(string code)
    {
        selectedPack = code;
        customText = null;
        amountError = null;
    }

    private void CustomChanged(string? text)
    {
        customText = text;
        selectedPack = null; // typing here chooses the custom amount, even when clearing it
        // Clear a shown error as the person corrects it; a new one appears on leaving the field or submitting.
        if (amountError is not null && PurchaseRules.Parse(text).Error is null)
            amountError = null;
    }

    private void ValidateCustom()
    {
        if (selectedPack is null)
            amountError = PurchaseRules.Parse(customText).Error;
    }

    private long? Amount() => selectedPack is { } code
        ? PurchaseRules.Packs.First(p => p.Code == code).AmountMicros
        : PurchaseRules.Parse(customText).Micros;

    private async Task StartAsync()
    {
        if (starting)
            return;
        serverError = null;
        var (micros, error) = selectedPack is null ? PurchaseRules.Parse(customText) : (Amount(), null);
        if (micros is not { } amount)
        {
            amountError = error;
            return;
        }
        amountError = null;
        starting = true;
        try
        {
            var start = await Purchases.StartAsync(User, WorkspaceId, amount, requestKey, Navigation.BaseUri);
            if (start.RedirectUrl is { } url)
            {
                Navigation.NavigateTo(url, forceLoad: true);
                return; // stays disabled while the browser leaves
            }
            serverError = start.Error ?? "The checkout could not be opened. Try again.";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            serverError = "The payment provider could not be reached. Try again in a moment.";
        }
        starting = false;
    }

    private void Cancel() => Dialog.Cancel();
}
