using System.CommandLine;
using BillingPortal.Cli.Api;
using BillingPortal.Cli.Output;

namespace BillingPortal.Cli.Commands;

/// <summary><c>billing status</c>: the balance, plan, default card and auto top-up, and that the server answers.</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context) =>
        Options.WithJson("status", "Balance, plan, default card, auto top-up and the server's status.", (json, ct) => RunAsync(context, json, ct));

    private static async Task<int> RunAsync(CliContext context, bool json, CancellationToken ct)
    {
        var api = Session.Api(context);
        var status = await api.GetAsync<BillingStatus>("api/v1/billing/status", ct);
        if (json)
        {
            Json.Write(context.Out, status);
            return ExitCodes.Done;
        }
        var s = status.Subscription;
        var auto = status.AutoTopUp;
        new Table(new Column("Workspace"), new Column(Terminal.Clean(status.WorkspaceName)))
            .Add("Credits", Money.Format(status.CreditBalanceMicros))
            .Add("Allowance left", Money.Format(status.AllowanceRemainingMicros))
            .Add("Plan", $"{status.Plan.Name} ({Money.Format(status.Plan.MonthlyPriceMicros)}/month, {Money.Format(status.Plan.MonthlyAllowanceMicros)} allowance)")
            .Add("Subscription", s.Status + (s.TrialEndsAt is { } end ? $", trial ends {Dates.Day(end)}" : "")
                + (s.PendingPlanCode is { } pending ? $", changes to {pending} on {Dates.Day(s.ChangesAt)}" : ""))
            .Add("Default card", status.DefaultCard is { } card ? CardsCommand.Describe(card) : "none (billing add-card)")
            .Add("Auto top-up", !auto.Enabled ? "off"
                : $"{(auto.Paused ? "paused" : "on")}: {Money.Format(auto.AmountMicros)} when below {Money.Format(auto.ThresholdMicros)}"
                  + $", {Money.Format(auto.ChargedThisMonthMicros)} of {Money.Format(auto.MonthlyCapMicros)} this month"
                  + (auto.PauseReason is { } why ? $" ({why})" : ""))
            .Add("Server", $"{api.BaseUrl} (answering)")
            .Write(context.Out);
        return ExitCodes.Done;
    }
}
