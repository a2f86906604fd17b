using System.Net;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Api;

public sealed class ApiErrorStatusTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    [Fact]
    public async Task ApiRoute_WithTheWrongMethod_AnswersProblemJson()
    {
        var response = await app.Factory.CreateClient().GetAsync("/api/v1/usage", TestContext.Current.CancellationToken);

        // Routing answers 404 here (no GET endpoint); either way a client gets a machine-readable refusal.
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, response.StatusCode.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownApiPath_Answers404AsProblemJson_AndUnknownPage_AsAPage()
    {
        var client = app.Factory.CreateClient();

        var api = await client.GetAsync("/api/nothing-here", TestContext.Current.CancellationToken);
        var page = await client.GetAsync("/nothing-here", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Not found", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
