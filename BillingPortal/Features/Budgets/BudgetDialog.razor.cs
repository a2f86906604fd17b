using System.Globalization;
using System.Security.Claims;
using BillingPortal.Domain;
using BillingPortal.Domain.Budgets;
using BillingPortal.Domain.Payments;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BillingPortal.Features.Budgets;

/// <summary>Closes with the saved budget; errors are keyed by the API's field names, as <see cref="BudgetDrafts.Validate"/> gives them.</summary>
public partial class BudgetDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private BudgetBoard Budgets { get; set; } = default!;

    /// <summary>The signed-in user, whose right is checked again when saving.</summary>
    [Parameter, EditorRequired] public ClaimsPrincipal User { get; set; } = default!;

    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }

    /// <summary>The budget to edit; null to add one.</summary>
    [Parameter] public BudgetView? Existing { get; set; }

    [Parameter] public IReadOnlyList<BudgetTargetChoice> ApiKeys { get; set; } = [];
    [Parameter] public IReadOnlyList<BudgetTargetChoice> Members { get; set; } = [];

    private string scope = "workspace";
    private string? target;
    private string period = "month";
    private string? limit;
    private string action = "notify";
    private string? thresholds;
    private IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();
    private string? message;
    private bool busy;

    protected override void OnInitialized()
    {
        thresholds = string.Join(", ", Existing?.Thresholds ?? BudgetRules.DefaultThresholds);
        if (Existing is not { } b)
            return;
        scope = BudgetDrafts.Word(b.Scope);
        target = b.Target;
        period = BudgetDrafts.Word(b.Period);
        limit = (b.LimitMicros / (decimal)Money.MicrosPerDollar).ToString("0.##", CultureInfo.InvariantCulture);
        action = BudgetDrafts.Word(b.Action);
    }

    private const InputMode DecimalMode = InputMode.@decimal;

    private bool Has(string field) => errors.ContainsKey(field);
    private string? ErrorOf(string field) => errors.TryGetValue(field, out var m) ? string.Join(" ", m) : null;

    /// <summary>The service asks for an id, as the API takes it; here the person picks from a list.</summary>
    private string? TargetChoiceError(string what) => Has("target") && target is null ? $"Choose the {what} this budget covers." : ErrorOf("target");

    private void ChooseScope(string chosen)
    {
        // A target means something else in another scope: an agent's name is no key id.
        if (chosen != scope)
            target = null;
        scope = chosen;
    }

    private async Task SaveAsync()
    {
        message = null;
        var (micros, limitError) = AutoTopUpRules.ParseDollars(limit);
        var (percents, thresholdError) = BudgetText.ParseThresholds(thresholds);
        var draft = new BudgetDraft(scope, scope == "workspace" ? null : target, period, micros, action, percents);
        if (limitError is not null || thresholdError is not null)
        {
            // Every field's message at once: the rest of the form is checked by the same rules the service uses.
            var local = BudgetDrafts.Validate(draft with { LimitMicros = micros ?? 1, Thresholds = percents ?? [] }).Errors;
            if (limitError is not null)
                local["limitMicros"] = [limitError];
            if (thresholdError is not null)
                local["thresholds"] = [thresholdError];
            errors = local;
            return;
        }

        busy = true;
        try
        {
            var change = await Budgets.SaveAsync(User, WorkspaceId, Existing?.Id, draft);
            if (change.Budget is { } saved)
            {
                Dialog.Close(DialogResult.Ok(saved));
                return;
            }
            errors = change.Errors ?? new Dictionary<string, string[]>();
            message = change.NotFound ? "That budget was deleted meanwhile." : errors.TryGetValue("budget", out var general) ? general[0] : null;
        }
        finally
        {
            busy = false;
        }
    }
}
