using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using BillingPortal.Data;
using BillingPortal.Domain.Tokens;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Tokens;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Api.BillingApi;

/// <summary>Makes personal tokens as their owners would (through the service the page calls) and calls the API with them.</summary>
internal static class TokenTesting
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<string> UserIdAsync(BillingAppFactory app, string email)
    {
        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct);
    }

    public static async Task<Guid> AcmeAsync(BillingAppFactory app)
    {
        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        return await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
    }

    public static ClaimsPrincipal Person(string userId) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "Identity.Application"));

    /// <summary>What the create dialog's service answers for <paramref name="email"/>.</summary>
    public static async Task<PersonalTokenResult> TryCreateAsync(
        BillingAppFactory app, string email, Guid workspaceId, TokenScope scope, TokenLifetime lifetime = TokenLifetime.Days90, string name = "script")
    {
        await using var services = app.Services.CreateAsyncScope();
        var tokens = services.ServiceProvider.GetRequiredService<PersonalTokenService>();
        return await tokens.CreateAsync(Person(await UserIdAsync(app, email)), new PersonalTokenRequest(name, workspaceId, scope, lifetime), Ct);
    }

    /// <summary>A new token's secret; fails the test when the service refuses.</summary>
    public static async Task<string> CreateAsync(
        BillingAppFactory app, string email, Guid workspaceId, TokenScope scope, TokenLifetime lifetime = TokenLifetime.Days90, string name = "script")
    {
        var result = await TryCreateAsync(app, email, workspaceId, scope, lifetime, name);
        return result.Created?.Secret ?? throw new InvalidOperationException($"Token refused: {result.Message}");
    }

    /// <summary>A plain HTTP client (no cookies) that sends <paramref name="secret"/> as its bearer token.</summary>
    public static HttpClient Client(BillingAppFactory app, string secret)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The problem+json body of a refusal, checked to be one with <paramref name="status"/>.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    public static Task<HttpResponseMessage> TopUpAsync(HttpClient client, long amountMicros) =>
        client.PostAsJsonAsync("/api/v1/billing/top-ups", new { amountMicros }, Ct);
}
