using System.Security.Claims;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.BillingApi.Costs;
using BillingPortal.Features.Credits;
using BillingPortal.Features.Credits.AutoTopUp;
using BillingPortal.Features.Invoices;
using BillingPortal.Features.Invoices.Pdf;
using BillingPortal.Features.Overview;
using BillingPortal.Features.Payments.Methods;
using BillingPortal.Features.Tokens;
using BillingPortal.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingPortal.Features.BillingApi;

/// <summary>
/// The billing API for people's scripts, the CLI and the MCP server: a personal token (<c>Authorization: Bearer
/// bp_pat_…</c>) names the workspace, so no id in the URL can reach another one. Reads need <c>billing:read</c>; the
/// three that start something in a browser need <c>billing:manage</c> and never charge by themselves. Refusals are
/// problem+json: 401 (no or bad token), 403 (not allowed now), 404 (an id of another workspace), 400 (naming the field).
/// </summary>
public static class BillingApiEndpoints
{
    public static IEndpointRouteBuilder MapBillingApiEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/v1/billing").WithTags("Billing API")
            .RequireAuthorization(TokenPolicies.Read).RequireRateLimiting(RateLimitHosting.BillingApiPolicy);
        read.MapGet("/status", StatusAsync).WithName("GetBillingStatus")
            .WithSummary("The plan, subscription, credit balance and allowance left, the default card and auto top-up.");
        read.MapGet("/transactions", TransactionsAsync).WithName("ListTransactions")
            .WithSummary("Ledger entries, newest first, filtered by type and dates, a page at a time.");
        read.MapGet("/invoices", InvoicesAsync).WithName("ListInvoices").WithSummary("Invoices, newest first, a page at a time.");
        read.MapGet("/invoices/{invoiceId:guid}/pdf", InvoicePdfAsync).WithName("GetBillingInvoicePdf").WithSummary("One invoice as a PDF.");
        read.MapGet("/costs", CostReportEndpoint.GetAsync).WithName("GetCostReport")
            .WithSummary("Spend per UTC day or hour from start to end (exclusive), grouped by agent, model, line item, API key or user.");
        read.MapGet("/cards", CardsAsync).WithName("ListCards").WithSummary("The cards on file, the default first.");

        var manage = app.MapGroup("/api/v1/billing").WithTags("Billing API")
            .RequireAuthorization(TokenPolicies.Manage).RequireRateLimiting(RateLimitHosting.BillingApiPolicy);
        manage.MapPost("/top-ups", TopUpAsync).WithName("StartTopUp")
            .WithSummary("Starts buying credits: returns the checkout's URL for a browser; nothing is charged until it is paid there.");
        manage.MapPost("/cards/setup", AddCardAsync).WithName("StartAddCard").WithSummary("Returns the URL of the page that adds a card.");
        manage.MapPost("/portal", PortalAsync).WithName("OpenPortal").WithSummary("Returns the URL of the payment provider's customer portal.");
        return app;
    }

    private static async Task<Results<Ok<BillingStatusResponse>, NotFound>> StatusAsync(
        ClaimsPrincipal caller, OverviewService overview, PaymentMethodService cards, CreditSettingsService settings, CancellationToken ct) =>
        await BillingApiReads.StatusAsync(caller.TokenWorkspace(), overview, cards, settings, ct) is { } status
            ? TypedResults.Ok(status)
            : TypedResults.NotFound();

    /// <summary>The rules of <see cref="BillingApiReads.TransactionsAsync"/>, which the MCP server's <c>list_transactions</c> shares.</summary>
    private static async Task<Results<Ok<TransactionsResponse>, ValidationProblem>> TransactionsAsync(
        ClaimsPrincipal caller, string? types, string? from, string? to, string? limit, string? page, CreditService credits, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        return await BillingApiReads.TransactionsAsync(caller.TokenWorkspace(), types, from, to, limit, page, errors, credits, ct) is { } found
            ? TypedResults.Ok(found)
            : TypedResults.ValidationProblem(errors);
    }

    /// <summary>The rules of <see cref="BillingApiReads.InvoicesAsync"/>, which the MCP server's <c>list_invoices</c> shares.</summary>
    private static async Task<Results<Ok<InvoicesResponse>, ValidationProblem>> InvoicesAsync(
        ClaimsPrincipal caller, string? limit, string? page, InvoiceQuery invoices, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        return await BillingApiReads.InvoicesAsync(caller.TokenWorkspace(), limit, page, errors, invoices, ct) is { } found
            ? TypedResults.Ok(found)
            : TypedResults.ValidationProblem(errors);
    }

    private static async Task<Results<FileContentHttpResult, RedirectHttpResult, ProblemHttpResult>> InvoicePdfAsync(
        ClaimsPrincipal caller, Guid invoiceId, InvoiceQuery invoices, InvoicePdf pdf, CancellationToken ct) =>
        await InvoiceEndpoints.PdfAsync(caller.TokenWorkspace(), invoiceId, invoices, pdf, ct);

    private static async Task<Ok<CardsResponse>> CardsAsync(ClaimsPrincipal caller, PaymentMethodService cards, CancellationToken ct) =>
        TypedResults.Ok(new CardsResponse([.. (await cards.ListCardsAsync(caller.TokenWorkspace(), ct)).Select(CardResponse.From)]));

    /// <summary>
    /// An <c>Idempotency-Key</c> header (1 to 100 characters) makes a retry find the same checkout; without one each
    /// call starts its own, which is harmless: a checkout charges nothing until a person pays it.
    /// </summary>
    private static async Task<Results<Ok<BrowserUrlResponse>, ValidationProblem, ProblemHttpResult>> TopUpAsync(
        ClaimsPrincipal caller, TopUpRequest? body, HttpContext http, PurchaseCredits purchases, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body?.AmountMicros is not { } amount)
            errors["amountMicros"] = ["amountMicros is required: the credits to buy, in micro-dollars (50000000 is $50)."];
        else if (PurchaseRules.Validate(amount) is { } invalid)
            errors["amountMicros"] = [invalid];
        string? key = http.Request.Headers["Idempotency-Key"];
        if (key is not null && (key.Trim().Length is 0 or > 100))
            errors["Idempotency-Key"] = ["The Idempotency-Key header must be 1 to 100 characters."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var requestKey = key is null ? Guid.NewGuid().ToString("N") : $"api:{caller.FindFirstValue(PersonalTokenClaims.TokenId)}:{key.Trim()}";
        var start = await purchases.StartAsync(caller, caller.TokenWorkspace(), body!.AmountMicros!.Value, requestKey, BaseUri(http), ct);
        if (start.RedirectUrl is { } url)
            return TypedResults.Ok(new BrowserUrlResponse(Absolute(http, url), "Open this page to pay; the credits are added once the payment is confirmed."));
        return start.Error == PurchaseCredits.NotAllowed
            ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: start.Error)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Could not start the top-up", detail: start.Error);
    }

    private static async Task<Results<Ok<BrowserUrlResponse>, ProblemHttpResult>> AddCardAsync(
        ClaimsPrincipal caller, HttpContext http, PaymentMethodService cards, CancellationToken ct) =>
        Answer(http, await cards.StartAddCardAsync(caller, caller.TokenWorkspace(), BaseUri(http), ct: ct), "Open this page to add a card.");

    private static async Task<Results<Ok<BrowserUrlResponse>, ProblemHttpResult>> PortalAsync(
        ClaimsPrincipal caller, HttpContext http, PaymentMethodService cards, CancellationToken ct) =>
        Answer(http, await cards.StartPortalAsync(caller, caller.TokenWorkspace(), BaseUri(http) + "billing/payment", ct), "Open this page to manage billing.");

    private static Results<Ok<BrowserUrlResponse>, ProblemHttpResult> Answer(HttpContext http, PaymentMethodResult result, string message) =>
        result is { Succeeded: true, RedirectUrl: { } url }
            ? TypedResults.Ok(new BrowserUrlResponse(Absolute(http, url), message))
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not available", detail: result.Message);

    /// <summary>The local checkout's pages are app-relative; a caller outside the browser needs the whole address.</summary>
    private static string Absolute(HttpContext http, string url) =>
        // Scheme checked: on Linux "/checkout/…" parses as an absolute file: URI.
        Uri.TryCreate(url, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp)
            ? absolute.AbsoluteUri
            : new Uri(new Uri(BaseUri(http)), url.TrimStart('/')).AbsoluteUri;

    /// <summary>The app's own address, for the return URLs of checkouts (as the pages' NavigationManager.BaseUri).</summary>
    private static string BaseUri(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/";
}
