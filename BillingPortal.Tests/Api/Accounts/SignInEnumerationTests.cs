using System.Net;
using BillingPortal.Data;
using BillingPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;

namespace BillingPortal.Tests.Api.Accounts;

/// <summary>A failed sign-in looks the same, and costs the same hashing, whether or not the account exists.</summary>
public sealed class SignInEnumerationTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly CountingHasherAppFactory factory = new();

    public ValueTask InitializeAsync()
    {
        _ = factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task FailedSignIn_ForKnownAndUnknownAddress_SameAnswerAndSamePasswordHashing()
    {
        var known = await FailAsync("owner@acme.test");
        var unknown = await FailAsync("nobody.here@acme.test");

        Assert.Equal(HttpStatusCode.OK, known.Status);
        Assert.Equal(known.Status, unknown.Status);
        Assert.Contains("Invalid login attempt", known.Body);
        Assert.Contains("Invalid login attempt", unknown.Body);
        Assert.Equal(1, known.Verifications);
        Assert.Equal(known.Verifications, unknown.Verifications);
    }

    private async Task<(HttpStatusCode Status, string Body, int Verifications)> FailAsync(string email)
    {
        var client = factory.CreateBrowserlikeClient();
        var page = await client.GetStringAsync("/Account/Login", Ct);
        var before = factory.Hasher.Verifications;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BillingAppFactory.AntiforgeryToken(page),
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = "Wrong!2345",
        }), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), factory.Hasher.Verifications - before);
    }

    private sealed class CountingHasherAppFactory : BillingAppFactory
    {
        public CountingHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<ApplicationUser>>(Hasher));
        }
    }

    private sealed class CountingHasher : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(ApplicationUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
