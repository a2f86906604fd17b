using System.Text.Json;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Api;

public sealed class OpenApiDocumentTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    [Fact]
    public async Task OpenApiDocument_DescribesTheMeteringApi_WithItsBodiesAndRefusals()
    {
        var client = app.Factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        var paths = document.RootElement.GetProperty("paths");

        var authorize = paths.GetProperty("/api/v1/runs/authorize").GetProperty("post");
        Assert.True(authorize.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(authorize.GetProperty("responses").TryGetProperty("402", out _));

        var usage = paths.GetProperty("/api/v1/usage").GetProperty("post");
        Assert.True(usage.GetProperty("responses").TryGetProperty("200", out _));
        Assert.True(usage.GetProperty("responses").TryGetProperty("400", out _));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("UsageResponse", out var response));
        Assert.True(response.GetProperty("properties").TryGetProperty("chargedMicros", out _));
    }

    [Fact]
    public async Task EveryOperation_HasAUniqueId_ASummary_ATag_AndTheSchemeItIsSignedInWith()
    {
        var client = app.Factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        var root = document.RootElement;

        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("apiKey").GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty("cookie").GetProperty("in").GetString());

        var operations = root.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Method: op.Name, Operation: op.Value)))
            .ToList();
        Assert.Contains(operations, o => o.Path == "/api/workspaces/{workspaceId}/billing/overview");
        Assert.Contains(operations, o => o.Path == "/api/v1/billing/status");
        Assert.Equal("bearer", schemes.GetProperty("personalToken").GetProperty("scheme").GetString());
        Assert.DoesNotContain(operations, o => o.Path.StartsWith("/Account", StringComparison.Ordinal) || o.Path.StartsWith("/workspaces", StringComparison.Ordinal));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, method, operation) in operations)
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            Assert.True(operation.TryGetProperty("operationId", out var id) && ids.Add(id.GetString()!), $"{name}: no operation id, or one already used");
            Assert.True(operation.TryGetProperty("summary", out var summary) && summary.GetString() is { Length: > 0 }, $"{name}: no summary");
            Assert.True(operation.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0, $"{name}: no tag");
            var expected = path.StartsWith("/api/v1/billing/", StringComparison.Ordinal) ? "personalToken"
                : path.StartsWith("/api/v1/", StringComparison.Ordinal) ? "apiKey" : "cookie";
            Assert.True(operation.TryGetProperty("security", out var security)
                && security.EnumerateArray().Any(r => r.TryGetProperty(expected, out _)), $"{name}: not declared as signed in with {expected}");
        }
    }
}
