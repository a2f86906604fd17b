using BillingPortal.Features.Tokens;

namespace BillingPortal.Features.Mcp;

/// <summary>
/// Who asks and where they are: the token's workspace (never a tool argument, so no input can reach another workspace)
/// and the app's address for the pages a person opens. The stateless transport runs each tool inside its own HTTP
/// request, whose user the token policy has already checked.
/// </summary>
public sealed class McpCaller(IHttpContextAccessor accessor)
{
    public const string Instructions =
        "Read-only billing of one workspace, the one the personal token belongs to. Money is in micro-dollars " +
        "(1000000 = $1.00). Nothing here buys credits, charges or changes a card, or changes a plan or a setting: " +
        "for those, give the person the page URL the answers of get_balance and get_plan name.";

    private HttpContext Http => accessor.HttpContext
        ?? throw new InvalidOperationException("An MCP tool runs inside its HTTP request (the transport is stateless).");

    public Guid WorkspaceId => Http.User.TokenWorkspace();

    /// <summary>The absolute address of an app page (<c>/billing/credits</c>), as the billing API builds its checkout links.</summary>
    public string PageUrl(string path) => $"{Http.Request.Scheme}://{Http.Request.Host}{Http.Request.PathBase}{path}";
}
