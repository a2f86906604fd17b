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
}
