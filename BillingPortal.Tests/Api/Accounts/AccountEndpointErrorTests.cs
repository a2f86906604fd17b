using System.Net;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Api.Accounts;

/// <summary>
/// Requests that used to end in a 500: each is now a 400, a 404 or a redirect to a page of this site.
/// Run in Production, where a thrown exception becomes the error page with its 500.
/// </summary>
public sealed class AccountEndpointErrorTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly ProductionAppFactory factory = new();

    public ValueTask InitializeAsync()
    {
        _ = factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Theory]
    [InlineData("/Account/PasskeyRequestOptions")]
    [InlineData("/Account/PasskeyRequestOptions?username=someone@example.test")]
    [InlineData("/Account/PasskeyCreationOptions")]
    public async Task PasskeyOptions_WithoutAntiforgeryToken_Is400(string url)
    {
        var response = await factory.CreateHttpsClient().PostAsync(url, null, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PasskeyCreationOptions_Anonymous_WithToken_Is404()
    {
        var client = factory.CreateHttpsClient();
        var token = BillingAppFactory.AntiforgeryToken(await client.GetStringAsync("/Account/Login", Ct));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/PasskeyCreationOptions");
        request.Headers.Add("RequestVerificationToken", token);

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/Account/Logout")]
    [InlineData("/Account/PerformExternalLogin")]
    public async Task FormEndpoints_WithoutAntiforgeryToken_Are400(string url)
    {
        var client = await factory.SignInNewUserAsync($"forms{url.Length}@example.test");

        var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ReturnUrl"] = "",
            ["provider"] = "Nowhere",
        }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PerformExternalLogin_UnknownProvider_Is400()
    {
        var client = factory.CreateHttpsClient();
        var token = BillingAppFactory.AntiforgeryToken(await client.GetStringAsync("/Account/Login", Ct));

        var response = await client.PostAsync("/Account/PerformExternalLogin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["ReturnUrl"] = "",
            ["provider"] = "Nowhere",
        }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task DownloadPersonalData_WithoutAntiforgeryToken_Is400_AndGivesNoData()
    {
        var client = await factory.SignInNewUserAsync("download@example.test");

        var response = await client.PostAsync("/Account/Manage/DownloadPersonalData", new FormUrlEncodedContent([]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("download@example.test", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task DownloadPersonalData_WithToken_StillDownloads()
    {
        var client = await factory.SignInNewUserAsync("download.ok@example.test");
        var token = BillingAppFactory.AntiforgeryToken(await client.GetStringAsync("/Account/Manage/PersonalData", Ct));

        var response = await client.PostAsync("/Account/Manage/DownloadPersonalData", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("download.ok@example.test", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task GenerateRecoveryCodes_WithoutTwoFactor_RedirectsToTheTwoFactorPage()
    {
        var client = await factory.SignInNewUserAsync("no2fa@example.test");

        var response = await client.GetAsync("/Account/Manage/GenerateRecoveryCodes", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Manage/TwoFactorAuthentication", PathOf(response));
    }

    [Fact]
    public async Task Disable2fa_WithoutTwoFactor_RedirectsToTheTwoFactorPage()
    {
        var client = await factory.SignInNewUserAsync("no2fa.disable@example.test");

        var response = await client.GetAsync("/Account/Manage/Disable2fa", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Manage/TwoFactorAuthentication", PathOf(response));
    }

    [Theory]
    [InlineData("/Account/LoginWith2fa")]
    [InlineData("/Account/LoginWithRecoveryCode")]
    public async Task SecondStepPages_WithoutAPasswordFirst_RedirectToLogin(string url)
    {
        var response = await factory.CreateHttpsClient().GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", PathOf(response));
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("http://evil.example/steal")]
    [InlineData("https://evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task Login_WithAbsoluteReturnUrl_RedirectsHome(string returnUrl)
    {
        var email = $"ret{Math.Abs(returnUrl.GetHashCode(StringComparison.Ordinal))}@example.test";
        await factory.SignInNewUserAsync(email);
        var client = factory.CreateHttpsClient();

        var response = await PostLoginAsync(client, email, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", PathOf(response));
    }

    [Fact]
    public async Task Login_WithBackslashReturnUrl_StaysOnThisSite()
    {
        await factory.SignInNewUserAsync("backslash@example.test");
        var client = factory.CreateHttpsClient();

        var response = await PostLoginAsync(client, "backslash@example.test", "/\\evil.example");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Browsers read "/\\host" as "//host"; the app resolves it the same way and must land on its own host.
        Assert.Equal("localhost", new Uri(new Uri("https://localhost/"), response.Headers.Location!).Host);
    }

    [Fact]
    public async Task Login_WithLocalReturnUrl_GoesThere()
    {
        await factory.SignInNewUserAsync("local.return@example.test");
        var client = factory.CreateHttpsClient();

        var response = await PostLoginAsync(client, "local.return@example.test", "/workspace/members?tab=1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/workspace/members?tab=1", PathOf(response));
    }

    [Theory]
    [InlineData("/evil.example", "/evil.example")]
    [InlineData("//evil.example", "/")]
    [InlineData("http://evil.example", "/")]
    [InlineData("", "/")]
    [InlineData("usage", "/usage")]
    public async Task Logout_ReturnUrl_StaysOnThisSite(string returnUrl, string expected)
    {
        var client = await factory.SignInNewUserAsync($"logout{Math.Abs(returnUrl.GetHashCode(StringComparison.Ordinal))}@example.test");
        var token = BillingAppFactory.AntiforgeryToken(await client.GetStringAsync("/Account/Manage", Ct));

        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["returnUrl"] = returnUrl,
        }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, PathOf(response));
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string returnUrl)
    {
        var url = "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var page = await client.GetStringAsync(url, Ct);
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BillingAppFactory.AntiforgeryToken(page),
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = "Strong!2345",
        }), Ct);
    }

    private static string PathOf(HttpResponseMessage response) => response.Headers.Location switch
    {
        null => "",
        { IsAbsoluteUri: true } location when location.Host == "localhost" => location.PathAndQuery,
        var location => location.OriginalString,
    };
}
