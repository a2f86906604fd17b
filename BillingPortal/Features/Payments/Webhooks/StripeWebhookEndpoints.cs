using BillingPortal.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingPortal.Features.Payments.Webhooks;

public sealed record StripeWebhookResponse(bool Received, bool Duplicate, string Outcome);

public static class StripeWebhookEndpoints
{
    /// <summary><c>POST /webhooks/stripe</c>: anonymous (the signature is the credential), no antiforgery, raw body.</summary>
    public static IEndpointRouteBuilder MapStripeWebhooks(this IEndpointRouteBuilder app)
    {
        // Stripe's events are small; a body over RequestLimits:StripeWebhookBytes is refused with 413 before it is read.
        app.MapPost("/webhooks/stripe", ReceiveAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription()
            .WithRequestBodyLimit(l => l.StripeWebhookBytes);
        return app;
    }

    private static async Task<Results<Ok<StripeWebhookResponse>, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, IServiceProvider services, CancellationToken ct)
    {
        if (services.GetService<StripeWebhookReceiver>() is not { } receiver)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Stripe is not configured",
                detail: "Set Stripe:SecretKey and Stripe:WebhookSecret to receive Stripe webhooks.");

        var answer = await receiver.ReceiveAsync(await ReadBodyAsync(request, ct), request.Headers["Stripe-Signature"].FirstOrDefault(), ct);
        return answer.Accepted
            ? TypedResults.Ok(new StripeWebhookResponse(true, answer.Duplicate, answer.Detail))
            : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Webhook refused", detail: answer.Detail);
    }

    /// <summary>The exact bytes Stripe signed (no model binding); the body cap stops the read of anything larger.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream((int)Math.Min(request.ContentLength ?? 16 * 1024, 1024 * 1024));
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
