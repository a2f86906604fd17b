using System.Globalization;

namespace BillingPortal.Security;

/// <summary>The one shape of a throttled answer: 429, <c>Retry-After</c> in whole seconds, problem+json for APIs.</summary>
public static class TooManyRequests
{
    /// <summary>Whole seconds, rounded up and at least one, so a client that waits that long is let in.</summary>
    public static string Seconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>"3 minutes", rounded up, for a person.</summary>
    public static string Minutes(TimeSpan wait)
    {
        var minutes = Math.Max(1, (long)Math.Ceiling(wait.TotalMinutes));
        return minutes == 1 ? "1 minute" : $"{minutes} minutes";
    }

    /// <summary>Sets the status and <c>Retry-After</c> (pages add their own message).</summary>
    public static void Mark(HttpContext context, TimeSpan? wait)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (wait is { } retryAfter)
            context.Response.Headers.RetryAfter = Seconds(retryAfter);
    }

    /// <summary>Writes the 429 as problem+json.</summary>
    public static Task WriteProblemAsync(HttpContext context, TimeSpan? wait, string detail)
    {
        Mark(context, wait);
        return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: detail)
            .ExecuteAsync(context);
    }
}
