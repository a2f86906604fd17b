using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingPortal.Features.Payments.Webhooks;

public sealed record StripeWebhookResponse(bool Received, bool Duplicate, string Outcome);

public static class StripeWebhookEndpoints
{
    /// <summary>Stripe's events are small; anything bigger is not one.</summary>
    public const int MaxBodyBytes = 512 * 1024;

    /// <summary><c>POST /webhooks/stripe</c>: anonymous (the signature is the credential), no antiforgery, raw body.</summary>
    public static IEndpointRouteBuilder MapStripeWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/stripe", ReceiveAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok<StripeWebhookResponse>, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, IServiceProvider services, CancellationToken ct)
    {
        if (services.GetService<StripeWebhookReceiver>() is not { } receiver)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Stripe is not configured",
                detail: "Set Stripe:SecretKey and Stripe:WebhookSecret to receive Stripe webhooks.");
        if (await ReadBodyAsync(request, ct) is not { } body)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Webhook refused",
                detail: $"The body is larger than {MaxBodyBytes} bytes.");

        var answer = await receiver.ReceiveAsync(body, request.Headers["Stripe-Signature"].FirstOrDefault(), ct);
        return answer.Accepted
            ? TypedResults.Ok(new StripeWebhookResponse(true, answer.Duplicate, answer.Detail))
            : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Webhook refused", detail: answer.Detail);
    }

    /// <summary>The exact bytes Stripe signed (no model binding), or null when too large.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
