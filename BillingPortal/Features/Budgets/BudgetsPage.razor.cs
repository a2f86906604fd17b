using System.Globalization;
using System.Security.Claims;
using BillingPortal.Domain;
using BillingPortal.Domain.Budgets;
using BillingPortal.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace BillingPortal.Features.Budgets;

/// <summary>
/// The workspace's budgets and where each stands this period. Everyone with billing:read sees them; the buttons are for
/// billing:manage, and <see cref="BudgetBoard"/> checks that right again on every click.
/// </summary>
public partial class BudgetsPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private WorkspaceDirectory Directory { get; set; } = default!;
    [Inject] private BudgetBoard Budgets { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private ClaimsPrincipal user = new();
    private Guid workspaceId;
    private BudgetBoardView? board;
    private string? refusal;
    private bool loaded;

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthState).User;
        // Fixed for the page's lifetime: switching workspace elsewhere must not retarget these buttons.
        workspaceId = (await Directory.ResolveCurrentAsync(user.UserId()))?.WorkspaceId ?? Guid.Empty;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        board = await Budgets.LoadAsync(user, workspaceId);
        loaded = true;
    }

    private Task AddAsync() => OpenAsync(null);

    private Task EditAsync(BudgetRow row) => OpenAsync(row.Budget);

    private async Task OpenAsync(BudgetView? existing)
    {
        var parameters = new DialogParameters<BudgetDialog>
        {
            { d => d.User, user }, { d => d.WorkspaceId, workspaceId }, { d => d.Existing, existing },
            { d => d.ApiKeys, board!.ApiKeys }, { d => d.Members, board.Members },
        };
        var dialog = await Dialogs.ShowAsync<BudgetDialog>(existing is null ? "Add budget" : "Edit budget", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false })
            return;
        refusal = null;
        Snackbar.Add(existing is null ? "Budget added." : "Budget saved.", Severity.Success);
        await LoadAsync();
    }

    private async Task DeleteAsync(BudgetRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = "Delete budget?",
            Message = $"The {Describe(row)} budget stops counting and stops refusing runs. This can't be undone.",
            YesText = "Delete",
            CancelText = "Cancel",
        });
        if (confirmed != true)
            return;
        refusal = await Budgets.DeleteAsync(user, workspaceId, row.Budget.Id);
        if (refusal is null)
            Snackbar.Add("Budget deleted.", Severity.Success);
        await LoadAsync();
    }

    /// <summary>"agent support-bot" or "workspace": how a confirmation and a button's label name the budget.</summary>
    private static string Describe(BudgetRow row) =>
        row.Budget.Scope == BudgetScope.Workspace ? "workspace" : $"{BudgetText.Scope(row.Budget.Scope).ToLowerInvariant()} {row.TargetName ?? row.Budget.Target}";

    private static string SpendText(BudgetView b) =>
        $"{new Money(b.SpentMicros + b.HeldMicros).Format(CultureInfo.CurrentCulture)} of {new Money(b.LimitMicros).Format(CultureInfo.CurrentCulture)} spent or held";

    private static Color BarColor(BudgetView b) => BudgetText.PercentUsed(b.SpentMicros, b.HeldMicros, b.LimitMicros) switch
    {
        >= 100 => Color.Error,
        >= 80 => Color.Warning,
        _ => Color.Primary,
    };
}
