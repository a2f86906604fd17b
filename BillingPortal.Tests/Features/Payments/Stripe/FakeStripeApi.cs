using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingPortal.Tests.Features.Payments.Stripe;

/// <summary>
/// A fake api.stripe.com behind Stripe.net's HttpClient: records every request (path, form, Idempotency-Key,
/// Stripe-Version) and answers with Stripe's example objects shaped by the request. Like Stripe, it answers a repeated
/// idempotency key with the first response.
/// </summary>
public sealed class FakeStripeApi : HttpMessageHandler
{
    public sealed record Request(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Form, string? IdempotencyKey, string? StripeVersion);

    private readonly Dictionary<string, (HttpStatusCode Status, string Body)> replies = [];
    private readonly Lock gate = new();
    private int counter;

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>The tax ids each customer holds, as Stripe keeps them (created, listed, deleted through the API).</summary>
    public Dictionary<string, List<JsonObject>> TaxIds { get; } = [];

    /// <summary>How a PaymentIntent create is answered; by default it succeeds.</summary>
    public Func<Request, (HttpStatusCode Status, JsonObject Body)> PaymentIntentReply { get; set; } = request => (HttpStatusCode.OK, SucceededIntent(request));

    /// <summary>The card a setup intent saved (brand, last4, expiry), and the customer it belongs to.</summary>
    public (string Brand, string Last4, int ExpMonth, int ExpYear) SetupCard { get; set; } = ("visa", "4242", 8, 2030);
    public string? SetupCustomer { get; set; }

    /// <summary>Tax id values Stripe refuses, as it refuses a number that is not valid for its type (HTTP 400 <c>tax_id_invalid</c>).</summary>
    public HashSet<string> RefusedTaxIds { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, requests fail as if Stripe could not be reached.</summary>
    public Exception? NetworkFailure { get; set; }

    public IEnumerable<Request> To(string method, string path) => Requests.Where(r => r.Method == method && r.Path == path);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, CancellationToken ct)
    {
        var body = message.Content is null ? "" : await message.Content.ReadAsStringAsync(ct);
        var form = QueryHelpers.ParseQuery(body).ToDictionary(p => p.Key, p => p.Value.ToString());
        var request = new Request(message.Method.Method, message.RequestUri!.AbsolutePath, message.RequestUri.Query, form,
            Header(message, "Idempotency-Key"), Header(message, "Stripe-Version"));
        Requests.Enqueue(request);
        if (NetworkFailure is { } failure)
            throw failure;
        (HttpStatusCode Status, string Body) reply;
        lock (gate)
        {
            var key = request.IdempotencyKey is { } k ? $"{request.Path}|{k}" : null;
            if (key is null || !replies.TryGetValue(key, out reply))
            {
                reply = Route(request);
                if (key is not null)
                    replies[key] = reply;
            }
        }
        return new HttpResponseMessage(reply.Status)
        {
            Content = new StringContent(reply.Body, Encoding.UTF8, "application/json"),
            Headers = { { "Request-Id", $"req_fake{Interlocked.Increment(ref counter)}" } },
        };
    }

    private (HttpStatusCode, string) Route(Request request)
    {
        var n = Interlocked.Increment(ref counter);
        var segments = request.Path.Trim('/').Split('/');
        JsonObject reply;
        switch (request.Method, string.Join('/', segments.Skip(1).Take(2)))
        {
            case ("POST", "customers"):
                reply = StripeFixtures.Object("customer");
                reply["id"] = $"cus_fake{n}";
                reply["email"] = Value(request, "email");
                reply["name"] = Value(request, "name");
                reply["metadata"] = Sub(request, "metadata");
                break;
            case ("POST", var path) when path.StartsWith("customers/", StringComparison.Ordinal) && segments.Length == 3:
                reply = StripeFixtures.Object("customer");
                reply["id"] = segments[2];
                reply["email"] = Value(request, "email");
                reply["name"] = Value(request, "name");
                reply["address"] = Sub(request, "address");
                break;
            case ("GET", var path) when path.StartsWith("customers/", StringComparison.Ordinal) && segments.Length == 4 && segments[3] == "tax_ids":
                var held = TaxIds.GetValueOrDefault(segments[2]) ?? [];
                reply = new JsonObject
                {
                    ["object"] = "list",
                    ["url"] = request.Path,
                    ["has_more"] = false,
                    ["data"] = new JsonArray([.. held.Select(t => (JsonNode)t.DeepClone())]),
                };
                break;
            case ("POST", var path) when path.StartsWith("customers/", StringComparison.Ordinal) && segments.Length == 4 && segments[3] == "tax_ids"
                && RefusedTaxIds.Contains(Value(request, "value") ?? ""):
                // Stripe's own answer to a number it does not accept for its type.
                return (HttpStatusCode.BadRequest, Error("invalid_request_error", "tax_id_invalid", null, $"Invalid value for {Value(request, "type")}.",
                    param: "value").ToJsonString());
            case ("POST", var path) when path.StartsWith("customers/", StringComparison.Ordinal) && segments.Length == 4 && segments[3] == "tax_ids":
                reply = StripeFixtures.Object("tax_id");
                reply["id"] = $"txi_fake{n}";
                reply["customer"] = segments[2];
                reply["owner"]!["customer"] = segments[2];
                reply["type"] = Value(request, "type");
                reply["value"] = Value(request, "value");
                if (!TaxIds.TryGetValue(segments[2], out var list))
                    TaxIds[segments[2]] = list = [];
                list.Add((JsonObject)reply.DeepClone());
                break;
            case ("DELETE", var path) when path.StartsWith("customers/", StringComparison.Ordinal) && segments.Length == 5 && segments[3] == "tax_ids":
                TaxIds.GetValueOrDefault(segments[2])?.RemoveAll(t => (string?)t["id"] == segments[4]);
                reply = StripeFixtures.Object("deleted_tax_id");
                reply["id"] = segments[4];
                break;
            case ("POST", "checkout/sessions"):
                reply = StripeFixtures.Object("checkout.session");
                var id = $"cs_test_fake{n}";
                reply["id"] = id;
                reply["url"] = $"https://checkout.stripe.test/c/pay/{id}";
                reply["mode"] = Value(request, "mode");
                reply["customer"] = Value(request, "customer");
                reply["client_reference_id"] = Value(request, "client_reference_id");
                reply["metadata"] = Sub(request, "metadata");
                reply["success_url"] = Value(request, "success_url");
                reply["cancel_url"] = Value(request, "cancel_url");
                reply["currency"] = Value(request, "line_items[0][price_data][currency]") ?? Value(request, "currency");
                reply["amount_total"] = long.TryParse(Value(request, "line_items[0][price_data][unit_amount]"), out var cents) ? cents : null;
                reply["payment_intent"] = null;
                break;
            case ("POST", "payment_intents"):
                var (status, body) = PaymentIntentReply(request);
                return (status, body.ToJsonString());
            case ("POST", "billing_portal/sessions"):
                reply = StripeFixtures.Object("billing_portal.session");
                reply["id"] = $"bps_fake{n}";
                reply["customer"] = Value(request, "customer");
                reply["return_url"] = Value(request, "return_url");
                reply["livemode"] = false;
                reply["url"] = $"https://billing.stripe.test/p/session/bps_fake{n}";
                break;
            case ("GET", var path) when path.StartsWith("setup_intents/", StringComparison.Ordinal):
                reply = StripeFixtures.Object("setup_intent");
                reply["id"] = segments[2];
                reply["status"] = "succeeded";
                reply["customer"] = SetupCustomer;
                var method = StripeFixtures.Object("payment_method");
                method["id"] = $"pm_fake_{segments[2]}";
                method["customer"] = SetupCustomer;
                method["card"]!["brand"] = SetupCard.Brand;
                method["card"]!["last4"] = SetupCard.Last4;
                method["card"]!["exp_month"] = SetupCard.ExpMonth;
                method["card"]!["exp_year"] = SetupCard.ExpYear;
                reply["payment_method"] = method;
                reply["last_setup_error"] = null;
                break;
            case ("POST", var path) when path.StartsWith("payment_methods/", StringComparison.Ordinal) && segments.Length == 4 && segments[3] == "detach":
                reply = StripeFixtures.Object("payment_method");
                reply["id"] = segments[2];
                reply["customer"] = null;
                break;
            default:
                return (HttpStatusCode.NotFound, Error("invalid_request_error", "resource_missing", null, $"Unrecognized request URL ({request.Method}: {request.Path}).").ToJsonString());
        }
        return (HttpStatusCode.OK, reply.ToJsonString());
    }

    /// <summary>A PaymentIntent as Stripe answers a confirmed off-session create that succeeded.</summary>
    public static JsonObject SucceededIntent(Request request, string status = "succeeded")
    {
        var intent = StripeFixtures.Object("payment_intent");
        var id = $"pi_fake_{Guid.NewGuid():N}";
        var amount = long.Parse(request.Form["amount"]);
        intent["id"] = id;
        intent["amount"] = amount;
        intent["amount_received"] = status == "succeeded" ? amount : 0;
        intent["currency"] = request.Form["currency"];
        intent["customer"] = Value(request, "customer");
        intent["payment_method"] = Value(request, "payment_method");
        intent["metadata"] = Sub(request, "metadata");
        intent["status"] = status;
        intent["latest_charge"] = $"ch_fake_{id[8..]}";
        intent["last_payment_error"] = null;
        intent["next_action"] = null;
        return intent;
    }

    /// <summary>Stripe's error body: <c>{"error": {type, code, decline_code, doc_url, message, param, payment_intent}}</c>.</summary>
    public static JsonObject Error(string type, string? code, string? declineCode, string message, JsonObject? intent = null, string? param = null) => new()
    {
        ["error"] = new JsonObject
        {
            ["type"] = type,
            ["code"] = code,
            ["decline_code"] = declineCode,
            ["doc_url"] = code is null ? null : $"https://stripe.com/docs/error-codes/{code.Replace('_', '-')}",
            ["message"] = message,
            ["param"] = param,
            ["payment_intent"] = intent,
        },
    };

    private static string? Value(Request request, string key) => request.Form.TryGetValue(key, out var value) ? value : null;

    /// <summary>Stripe's nested form fields (<c>metadata[payment_id]=…</c>) as an object.</summary>
    private static JsonObject Sub(Request request, string prefix)
    {
        var result = new JsonObject();
        foreach (var (key, value) in request.Form)
            if (key.StartsWith(prefix + "[", StringComparison.Ordinal) && key.EndsWith(']') && key.IndexOf('[', prefix.Length + 1) < 0)
                result[key[(prefix.Length + 1)..^1]] = value;
        return result;
    }

    private static string? Header(HttpRequestMessage message, string name) =>
        message.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
