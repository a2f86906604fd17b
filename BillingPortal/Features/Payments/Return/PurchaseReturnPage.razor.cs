using System.Globalization;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BillingPortal.Features.Payments.Return;

/// <summary>
/// Where a checkout sends the customer back. Shows the payment's real state, never success before it is Succeeded;
/// while it is still pending it checks again every two seconds for about thirty.
/// </summary>
public partial class PurchaseReturnPage
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private const int MaxPolls = 15;

    public enum Outcome { Waiting, Succeeded, Declined, Canceled }

    [SupplyParameterFromQuery(Name = "payment")] public Guid? PaymentId { get; set; }
    [SupplyParameterFromQuery(Name = "canceled")] public int? Canceled { get; set; }
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private PurchaseReturnService Purchases { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private readonly CancellationTokenSource disposed = new();
    private PurchaseOutcome? outcome;
    private bool loaded;
    private bool gaveUp;
    private bool retrying;
    private string? refusal;

    private Outcome Shown => outcome?.Status switch
    {
        PaymentStatus.Succeeded => Outcome.Succeeded,
        PaymentStatus.Failed => Outcome.Declined,
        PaymentStatus.Canceled => Outcome.Canceled,
        PaymentStatus.Pending when Canceled == 1 => Outcome.Canceled,
        _ => Outcome.Waiting,
    };

    protected override async Task OnParametersSetAsync()
    {
        outcome = PaymentId is { } id ? await Purchases.GetAsync((await AuthState).User, id) : null;
        loaded = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Only runs once interactive: a prerendered page does not poll.
        if (!firstRender || PaymentId is not { } id)
            return;
        try
        {
            for (var poll = 0; poll < MaxPolls && outcome is not null && Shown == Outcome.Waiting; poll++)
            {
                await Task.Delay(PollInterval, disposed.Token);
                outcome = await Purchases.GetAsync((await AuthState).User, id, disposed.Token);
                await InvokeAsync(StateHasChanged);
            }
            gaveUp = Shown == Outcome.Waiting;
            await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException)
        {
            // The person left the page.
        }
    }

    private async Task TryAgainAsync()
    {
        if (retrying || outcome is null)
            return;
        retrying = true;
        var start = await Purchases.TryAgainAsync((await AuthState).User, outcome.PaymentId, Navigation.BaseUri);
        if (start?.RedirectUrl is { } url)
        {
            Navigation.NavigateTo(url);
            return;
        }
        refusal = start?.Error ?? "You can no longer buy credits for this workspace.";
        retrying = false;
    }

    private static string Format(long micros) => new Money(micros).Format();

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }
}
