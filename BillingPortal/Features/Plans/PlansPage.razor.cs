using System.Security.Claims;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Features.Payments.Methods;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace BillingPortal.Features.Plans;

/// <summary>
/// Free, Pro and Enterprise side by side, and the workspace's plan among them. Every button goes through
/// <see cref="PlanChangeService"/> or <see cref="SalesInquiryService"/>, which check billing:manage again on the server.
/// </summary>
public partial class PlansPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private WorkspaceDirectory Directory { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;
    [Inject] private PlanChangeService Plans { get; set; } = default!;
    [Inject] private PlanWhatIfQuery WhatIf { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private PaymentMethodService Methods { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    /// <summary><c>?upgrade={plan}&amp;setup={id}</c>: back from adding the card an upgrade needed; it goes on once the card is on file.</summary>
    [SupplyParameterFromQuery(Name = "upgrade")] public string? ResumeUpgrade { get; set; }
    [SupplyParameterFromQuery(Name = "setup")] public Guid? Setup { get; set; }

    private ClaimsPrincipal user = new();
    private Guid workspaceId;
    private bool canManage;
    private PlanStatus? status;
    /// <summary>The last complete period priced on each plan; null when the workspace has no subscription.</summary>
    private PlanWhatIfView? whatIf;
    private string? notice;
    private string? refusal;
    private bool busy;
    private bool loaded;
    /// <summary>The upgrade refused for want of a card: the refusal offers to add one and come back to it.</summary>
    private Plan? needsCardFor;

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthState).User;
        // Fixed for the page's lifetime: switching workspace elsewhere must not retarget these buttons.
        var access = await Directory.ResolveCurrentAsync(user.UserId());
        workspaceId = access is { CanReadBilling: true } ? access.WorkspaceId : Guid.Empty;
        canManage = workspaceId != Guid.Empty && (await Authorization.AuthorizeAsync(user, workspaceId, BillingPolicies.Manage)).Succeeded;
        if (workspaceId != Guid.Empty)
        {
            status = await Plans.GetStatusAsync(workspaceId);
            whatIf = await WhatIf.GetAsync(user, workspaceId);
        }
        loaded = true;
    }

    private static string Date(DateTime utc) => Domain.Text.DateText.Day(utc);

    private static string StateText(PlanStatus s) => s.Subscription.Status switch
    {
        SubscriptionStatus.Trial when s.TrialExpired => $"{s.Current.Name} trial, ended on {Date(s.Subscription.TrialEndsAt!.Value)}",
        SubscriptionStatus.Trial => $"{s.Current.Name} trial, {DaysLeft(s.TrialDaysLeft ?? 0)} left (ends {Date(s.Subscription.TrialEndsAt!.Value)})",
        SubscriptionStatus.PastDue => $"{s.Current.Name}, past due",
        SubscriptionStatus.Paused => $"{s.Current.Name}, paused until the unpaid invoice is paid",
        _ => $"{s.Current.Name}, current period ends {Date(s.Subscription.CurrentPeriodEnd)}",
    };

    private static string DaysLeft(int days) => days == 1 ? "1 day" : $"{days} days";

    private async Task UpgradeAsync(Plan plan)
    {
        await RunAsync(async () =>
        {
            var preview = await Plans.PreviewUpgradeAsync(user, workspaceId, plan.Code);
            if (!preview.Allowed)
            {
                needsCardFor = status is { HasUsableCard: false } ? plan : null;
                return PlanChangeResult.Refused(preview.Refusal!);
            }
            needsCardFor = null;
            var parameters = new DialogParameters<UpgradeDialog> { { d => d.User, user }, { d => d.WorkspaceId, workspaceId }, { d => d.Preview, preview } };
            var dialog = await Dialogs.ShowAsync<UpgradeDialog>($"Upgrade to {plan.Name}", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
            return await dialog.Result is { Canceled: false, Data: PlanChangeResult done } ? done : null;
        });
    }

    /// <summary>Opens the card form; saving it comes back here (<see cref="ResumeUpgrade"/>) and the upgrade goes on.</summary>
    private async Task AddCardThenUpgradeAsync(Plan plan)
    {
        busy = true;
        try
        {
            var result = await Methods.StartAddCardAsync(user, workspaceId, Navigation.BaseUri, CardSetupReturn.Upgrade(plan));
            if (result.RedirectUrl is { } url)
            {
                Navigation.NavigateTo(url, forceLoad: true);
                return;
            }
            refusal = result.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            refusal = "The payment provider could not be reached. Try again in a moment.";
        }
        finally
        {
            busy = false;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Dialogs need the circuit: the upgrade goes on after the first interactive render, not while prerendering.
        if (!firstRender || !RendererInfo.IsInteractive || Setup is not { } setupId || PlanCatalog.Find(ResumeUpgrade) is not { } plan
            || !canManage || status is null)
            return;
        switch (await Methods.SetupStatusAsync(workspaceId, setupId))
        {
            case CardSetupStatus.Completed when plan.Rank > status.Current.Rank && !plan.ContactSales:
                notice = "Card added. Check the upgrade below and confirm it.";
                StateHasChanged();
                await UpgradeAsync(plan);
                break;
            case CardSetupStatus.Completed:
                break;
            case CardSetupStatus.Pending:
                notice = $"We're still waiting for your bank to confirm the card. Upgrade to {plan.Name} once it shows on the Payment page.";
                break;
            default:
                refusal = "Adding the card was canceled, so nothing was upgraded.";
                needsCardFor = plan;
                break;
        }
        StateHasChanged();
    }

    private async Task DowngradeAsync(Plan plan)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = $"Downgrade to {plan.Name}?",
            Message = status!.DowngradePromise(plan),
            YesText = status.DowngradeAction,
            CancelText = "Cancel",
        });
        if (confirmed == true)
            await RunAsync(() => Plans.ScheduleDowngradeAsync(user, workspaceId, plan.Code)!);
    }

    private Task CancelDowngradeAsync() => RunAsync(() => Plans.CancelDowngradeAsync(user, workspaceId)!);

    private Task SwitchToFreeAsync() => RunAsync(() => Plans.SwitchExpiredTrialToFreeAsync(user, workspaceId)!);

    private async Task ContactSalesAsync()
    {
        var parameters = new DialogParameters<ContactSalesDialog> { { d => d.User, user }, { d => d.WorkspaceId, workspaceId }, { d => d.Email, user.Identity?.Name } };
        var dialog = await Dialogs.ShowAsync<ContactSalesDialog>("Contact sales about Enterprise", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: string message })
        {
            refusal = null;
            notice = message;
        }
    }

    /// <summary>Runs one change; a null result means the person cancelled. Reloads the subscription afterwards.</summary>
    private async Task RunAsync(Func<Task<PlanChangeResult?>> action)
    {
        busy = true;
        try
        {
            if (await action() is not { } result)
                return;
            (notice, refusal) = result.Succeeded ? (result.Message, (string?)null) : (null, result.Message);
            status = await Plans.GetStatusAsync(workspaceId);
            // The differences are measured against the current plan, which an upgrade or a switch just changed.
            whatIf = await WhatIf.GetAsync(user, workspaceId);
        }
        finally
        {
            busy = false;
        }
    }
}
