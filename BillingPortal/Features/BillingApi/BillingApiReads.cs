using System.Globalization;
using BillingPortal.Features.Credits;
using BillingPortal.Features.Credits.AutoTopUp;
using BillingPortal.Features.Invoices;
using BillingPortal.Features.Overview;
using BillingPortal.Features.Payments.Methods;

namespace BillingPortal.Features.BillingApi;

/// <summary>
/// The billing API's reads with their input rules, for every surface that answers a token (the HTTP API, the MCP
/// server), so the same question gets the same answer and the same refusal. Inputs arrive as the text the caller sent;
/// each bad one adds a message under its name to <c>errors</c> and the read answers null.
/// </summary>
public static class BillingApiReads
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    /// <summary>The status of <paramref name="workspaceId"/>, or null when it has no billing (no subscription or wallet).</summary>
    public static async Task<BillingStatusResponse?> StatusAsync(Guid workspaceId, OverviewService overview, PaymentMethodService cards,
        CreditSettingsService settings, CancellationToken ct)
    {
        if (await overview.GetAsync(workspaceId, ct) is not { } o)
            return null;
        var onFile = await cards.ListCardsAsync(workspaceId, ct);
        var response = OverviewResponse.From(o);
        return new BillingStatusResponse(workspaceId, o.WorkspaceName, response.Plan, response.Subscription,
            o.CreditBalance.Micros, o.AllowanceRemaining.Micros, onFile.FirstOrDefault(c => c.IsDefault) is { } card ? CardResponse.From(card) : null,
            AutoTopUpResponse.From(await settings.GetAutoTopUpAsync(workspaceId, ct)));
    }

    /// <summary><c>types</c>, <c>from</c> and <c>to</c> as the ledger export reads them; <c>limit</c> 1 to 100; <c>page</c> from the last answer.</summary>
    public static async Task<TransactionsResponse?> TransactionsAsync(Guid workspaceId, string? types, string? from, string? to, string? limit,
        string? page, Dictionary<string, string[]> errors, CreditService credits, CancellationToken ct)
    {
        var filter = LedgerQueryText.Parse(types, from, to, errors);
        var count = Limit(limit, errors);
        LedgerPosition? after = null;
        if (page is not null && (after = TransactionCursor.Read(page)) is null)
            errors["page"] = ["page must be the nextPage of an earlier answer, unchanged."];
        if (errors.Count > 0)
            return null;

        // One more than asked says whether there is a next page without counting the rest.
        var rows = await credits.GetLedgerAfterAsync(workspaceId, filter!, after, count + 1, ct);
        var shown = rows.Take(count).ToList();
        var more = rows.Count > count;
        return new TransactionsResponse(
            [.. shown.Select(r => new LedgerExportItem(r.Id, DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc), LedgerExport.TypeName(r.Type),
                r.Description, r.Reference, r.CreditDeltaMicros, r.AllowanceDeltaMicros, r.BalanceAfterMicros, r.AllowanceAfterMicros))],
            more, more ? TransactionCursor.Write(new LedgerPosition(shown[^1].CreatedAt, shown[^1].Id)) : null);
    }

    /// <summary><c>limit</c> 1 to 100; <c>page</c> a page number from the last answer's <c>nextPage</c> (invoices are few).</summary>
    public static async Task<InvoicesResponse?> InvoicesAsync(Guid workspaceId, string? limit, string? page, Dictionary<string, string[]> errors,
        InvoiceQuery invoices, CancellationToken ct)
    {
        var count = Limit(limit, errors);
        var number = 1;
        if (page is not null && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 100_000))
            errors["page"] = [$"page must be a page number from 1; it was '{page}'."];
        if (errors.Count > 0)
            return null;
        var found = await invoices.GetPageAsync(workspaceId, number - 1, count, ct);
        var more = (long)number * count < found.TotalCount;
        return new InvoicesResponse([.. found.Rows.Select(InvoiceResponse.From)], more,
            more ? (number + 1).ToString(CultureInfo.InvariantCulture) : null);
    }

    /// <summary>How many rows a page holds: 1 to <see cref="MaxLimit"/>, <see cref="DefaultLimit"/> when not given.</summary>
    public static int Limit(string? text, Dictionary<string, string[]> errors)
    {
        if (text is null)
            return DefaultLimit;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit)
            return limit;
        errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}; it was '{text}'."];
        return DefaultLimit;
    }
}
