using System.Globalization;
using System.Text.Json.Nodes;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Features.Payments.Stripe;

/// <summary>
/// Stripe's official example objects (<c>Features/Payments/Stripe/Fixtures/fixtures3.json</c>, from stripe/openapi, MIT), handed out as fresh
/// copies that a test changes as it needs (ids, amounts, metadata), and the events that carry them.
/// </summary>
public static class StripeFixtures
{
    private static readonly Lazy<JsonObject> Resources = new(() =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Locate()))!["resources"]!);

    /// <summary>A copy of the example object of <paramref name="type"/>, such as "checkout.session" or "charge".</summary>
    public static JsonObject Object(string type) =>
        (JsonObject)(Resources.Value[type] ?? throw new KeyNotFoundException($"No Stripe fixture for {type}.")).DeepClone();

    /// <summary>Stripe's example event around <paramref name="data"/>, with the given type, id and mode.</summary>
    public static JsonObject Event(string type, JsonObject data, string? id = null, bool liveMode = false, DateTimeOffset? created = null)
    {
        var stripeEvent = Object("event");
        stripeEvent["id"] = id ?? $"evt_test_{Guid.NewGuid():N}";
        stripeEvent["type"] = type;
        stripeEvent["livemode"] = liveMode;
        stripeEvent["api_version"] = "2025-01-27.acacia";
        stripeEvent["created"] = (created ?? BillingAppFactory.DefaultStart).ToUnixTimeSeconds();
        stripeEvent["data"] = new JsonObject { ["object"] = data.DeepClone() };
        return stripeEvent;
    }

    public static JsonObject Metadata(params (string Key, object Value)[] items)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in items)
            metadata[key] = Convert.ToString(value, CultureInfo.InvariantCulture);
        return metadata;
    }

    /// <summary>The copy committed under <c>Features/Payments/Stripe/Fixtures/</c>, placed beside the test assembly by the build.</summary>
    private static string Locate()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Features", "Payments", "Stripe", "Fixtures", "fixtures3.json");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Stripe's fixtures are missing at {path}.");
    }
}
