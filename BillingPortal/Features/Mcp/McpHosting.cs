using BillingPortal.Features.Tokens;
using BillingPortal.Hosting;

namespace BillingPortal.Features.Mcp;

/// <summary>
/// The read-only MCP server for a platform's concierge at <c>/mcp</c> (streamable HTTP), answering a personal token
/// with the billing API's reads. Stateless: every request carries its token and is served whole by whichever instance
/// gets it, so several instances need no session affinity. No tool moves money or changes a setting.
/// </summary>
public static class McpHosting
{
    public const string Path = "/mcp";

    public static WebApplicationBuilder AddBillingMcp(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<McpCaller>();
        builder.Services.AddMcpServer(options =>
            {
                options.ServerInfo = new() { Name = "BillingPortal", Title = "Billing (read-only)", Version = "1.0" };
                options.ServerInstructions = McpCaller.Instructions;
            })
            .WithHttpTransport(options => options.Stateless = true)
            .WithRequestFilters(filters => filters.AddCallToolFilter(ArgumentCheck.Filter))
            .WithTools<BalanceTools>()
            .WithTools<LedgerTools>()
            .WithTools<UsageTools>()
            .WithTools<BudgetTools>();
        return builder;
    }

    /// <summary>The endpoint takes the billing API's read policy and rate limit; it is not an OpenAPI operation.</summary>
    public static IEndpointRouteBuilder MapBillingMcp(this IEndpointRouteBuilder app)
    {
        app.MapMcp(Path).RequireAuthorization(TokenPolicies.Read).RequireRateLimiting(RateLimitHosting.BillingApiPolicy).ExcludeFromDescription();
        // Stateless, so no event stream to GET and no session to DELETE: the protocol asks for a 405, not the app's 404 page.
        app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Delete], NotAllowed).ExcludeFromDescription();
        return app;
    }

    private static IResult NotAllowed(HttpContext http)
    {
        http.Response.Headers.Allow = HttpMethods.Post;
        // A body, so the error pages do not re-execute the request (a DELETE would then be refused by the error page itself).
        return Results.Problem(statusCode: StatusCodes.Status405MethodNotAllowed, title: "Method Not Allowed",
            detail: "This MCP server is stateless: send each JSON-RPC message with POST; there is no event stream or session.");
    }
}
