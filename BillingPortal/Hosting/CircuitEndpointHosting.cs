using Microsoft.AspNetCore.Components.Server;

namespace BillingPortal.Hosting;

/// <summary>The circuit's endpoint (<c>/_blazor</c>): its headers and its WebSocket.</summary>
public static class CircuitEndpointHosting
{
    public static void Configure(ServerComponentsEndpointOptions options)
    {
        SecurityHeadersHosting.FrameAncestorsFromHeaders(options);
        options.ConfigureWebSocketAcceptContext = CompressEachMessageAlone;
    }

    /// <summary>
    /// Compressed as Blazor does by default, but with <c>server_no_context_takeover</c>: with context takeover the
    /// socket keeps its zlib compressor (a few hundred KB of native memory, outside the GC heap) for the connection's
    /// whole life, so an idle tab cost that much; now the compressor is made for each message and freed after it.
    /// Each render batch is compressed on its own (slightly larger frames; nothing else changes for the browser).
    /// </summary>
    private static Task CompressEachMessageAlone(HttpContext context, WebSocketAcceptContext accept)
    {
        accept.DangerousEnableCompression = true;
        accept.DisableServerContextTakeover = true;
        return Task.CompletedTask;
    }
}
