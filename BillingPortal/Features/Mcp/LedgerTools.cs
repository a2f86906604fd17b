using System.ComponentModel;
using System.Globalization;
using BillingPortal.Features.BillingApi;
using BillingPortal.Features.Credits;
using BillingPortal.Features.Invoices;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace BillingPortal.Features.Mcp;

/// <summary>The ledger and the invoices, a page at a time, read and validated exactly as the billing API reads them.</summary>
[McpServerToolType]
public sealed class LedgerTools
{
    [McpServerTool(Name = "list_transactions", Title = "Recent transactions", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(TransactionsResponse))]
    [Description("The credit ledger, newest first: purchases, auto top-ups, usage, refunds, grants and adjustments, each with its signed "
        + "amounts and the balances right after it, in micro-dollars (1000000 = $1.00). When hasMore is true, pass nextPage as page for the next page.")]
    public static async Task<CallToolResult> ListTransactionsAsync(McpCaller caller, CreditService credits,
        [Description("Comma-separated entry types to keep, e.g. \"Purchase,Refund\"; all types when omitted.")] string? types = null,
        [Description("First day to include, yyyy-MM-dd (UTC).")] string? from = null,
        [Description("Last day to include, yyyy-MM-dd (UTC).")] string? to = null,
        [Description("Entries per page, 1 to 100; 50 when omitted.")] int? limit = null,
        [Description("The nextPage of the previous answer, unchanged; omit for the first page.")] string? page = null,
        CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var found = await BillingApiReads.TransactionsAsync(caller.WorkspaceId, types, from, to, Text(limit), page, errors, credits, ct);
        return found is null ? McpAnswer.Refused(errors) : McpAnswer.Ok(found);
    }

    [McpServerTool(Name = "list_invoices", Title = "Invoices", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(InvoicesResponse))]
    [Description("The workspace's invoices, newest first: number, kind, status (e.g. Open, Paid), period, issue and due dates and "
        + "totalMicros (1000000 = $1.00); pdfUrl is read with the same token. When hasMore is true, pass nextPage as page.")]
    public static async Task<CallToolResult> ListInvoicesAsync(McpCaller caller, InvoiceQuery invoices,
        [Description("Invoices per page, 1 to 100; 50 when omitted.")] int? limit = null,
        [Description("The nextPage of the previous answer (a page number); omit for the first page.")] string? page = null,
        CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var found = await BillingApiReads.InvoicesAsync(caller.WorkspaceId, Text(limit), page, errors, invoices, ct);
        return found is null ? McpAnswer.Refused(errors) : McpAnswer.Ok(found);
    }

    /// <summary>A number as the API's query string carries it, so one parser judges both.</summary>
    internal static string? Text(int? number) => number?.ToString(CultureInfo.InvariantCulture);
}
