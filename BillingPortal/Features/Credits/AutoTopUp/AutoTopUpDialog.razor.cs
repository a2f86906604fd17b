using System.Globalization;
using System.Security.Claims;
using BillingPortal.Domain;
using BillingPortal.Domain.Forecasts;
using BillingPortal.Domain.Payments;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BillingPortal.Features.Credits.AutoTopUp;

/// <summary>Closes with the service's confirmation message when saved.</summary>
public partial class AutoTopUpDialog
{
    /// <summary>Offered when auto top-up was never set: top up $25 when $5 is left, at most $250 a month.</summary>
    private static readonly AutoTopUpChange Suggested = new(true, 5 * Money.MicrosPerDollar, 25 * Money.MicrosPerDollar, 250 * Money.MicrosPerDollar, null);

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private CreditSettingsService CreditSettings { get; set; } = default!;

    /// <summary>The signed-in user, whose right is checked again when saving.</summary>
    [Parameter, EditorRequired] public ClaimsPrincipal User { get; set; } = default!;

    /// <summary>The workspace whose auto top-up is edited.</summary>
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }

    /// <summary>The settings and cards as the card last loaded them.</summary>
    [Parameter, EditorRequired] public AutoTopUpStatus Status { get; set; } = default!;

    /// <summary>A threshold and amount to start from (the forecast's suggestion) instead of the saved ones; the card, cap and alert stay.</summary>
    [Parameter] public AutoTopUpSuggestion? Prefill { get; set; }

    private bool enabled;
    private Guid? cardId;
    private string? threshold, amount, cap, lowBalance;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private string? message;
    private bool busy;

    protected override void OnInitialized()
    {
        var s = Status.Settings;
        var start = s.AutoTopUpAmountMicros == 0
            ? Suggested
            : new AutoTopUpChange(true, s.AutoTopUpThresholdMicros, s.AutoTopUpAmountMicros, s.AutoTopUpMonthlyCapMicros, s.AutoTopUpPaymentMethodId);
        if (Prefill is not null)
            start = Prefill.ApplyTo(start);
        // Opening the dialog is how people turn it on, and how they fix a paused one.
        enabled = true;
        threshold = Text(start.ThresholdMicros);
        amount = Text(start.AmountMicros);
        cap = Text(start.MonthlyCapMicros);
        lowBalance = Text(s.LowBalanceThresholdMicros);
        cardId = s.AutoTopUpPaymentMethodId is { } chosen && Status.UsableCards.Any(c => c.Id == chosen)
            ? chosen
            : Status.UsableCards.FirstOrDefault(c => c.IsDefault)?.Id ?? Status.UsableCards.FirstOrDefault()?.Id;
    }

    /// <summary>
    /// Opens the dialog for <paramref name="workspaceId"/>, starting from <paramref name="prefill"/> when given: the
    /// service's confirmation when saved, null when cancelled.
    /// </summary>
    public static async Task<string?> ShowAsync(IDialogService dialogs, ClaimsPrincipal user, Guid workspaceId, AutoTopUpStatus status, AutoTopUpSuggestion? prefill = null)
    {
        var parameters = new DialogParameters<AutoTopUpDialog>
        {
            { d => d.User, user },
            { d => d.WorkspaceId, workspaceId },
            { d => d.Status, status },
            { d => d.Prefill, prefill },
        };
        var dialog = await dialogs.ShowAsync<AutoTopUpDialog>("Auto top-up", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        return await dialog.Result is { Canceled: false, Data: string message } ? message : null;
    }

    private const InputMode DecimalMode = InputMode.@decimal;

    private bool Has(string field) => errors.ContainsKey(field);
    private string? ErrorOf(string field) => errors.GetValueOrDefault(field);

    private async Task SaveAsync()
    {
        message = null;
        var parsed = new Dictionary<string, string>();
        var thresholdMicros = Parse(threshold, AutoTopUpFields.Threshold, parsed);
        var amountMicros = Parse(amount, AutoTopUpFields.Amount, parsed);
        var capMicros = Parse(cap, AutoTopUpFields.MonthlyCap, parsed);
        var lowBalanceMicros = Parse(lowBalance, AutoTopUpFields.LowBalanceThreshold, parsed);
        if (parsed.Count > 0)
        {
            errors = parsed;
            return;
        }

        busy = true;
        try
        {
            var saved = await CreditSettings.SaveAutoTopUpAsync(User, WorkspaceId, new AutoTopUpChange(enabled, thresholdMicros, amountMicros, capMicros, cardId));
            if (saved.Succeeded && lowBalanceMicros != Status.Settings.LowBalanceThresholdMicros)
            {
                var alert = await CreditSettings.SaveLowBalanceThresholdAsync(User, WorkspaceId, lowBalanceMicros);
                if (!alert.Succeeded)
                    saved = alert;
            }
            errors = saved.Errors;
            if (saved.Succeeded)
                Dialog.Close(DialogResult.Ok(saved.Message));
            else if (saved.Errors.Count == 0 || saved.Errors.ContainsKey(AutoTopUpFields.Card) && Status.UsableCards.Count == 0)
                message = saved.Errors.GetValueOrDefault(AutoTopUpFields.Card) ?? saved.Message;
        }
        finally
        {
            busy = false;
        }
    }

    private static long Parse(string? text, string field, Dictionary<string, string> into)
    {
        var (micros, error) = AutoTopUpRules.ParseDollars(text);
        if (error is not null)
            into[field] = error;
        return micros ?? 0;
    }

    private static string Text(long micros) => (micros / (decimal)Money.MicrosPerDollar).ToString("0.##", CultureInfo.InvariantCulture);
}
