using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Cli;

[CollectionDefinition(Name)]
public sealed class CliCollection : ICollectionFixture<CliFixture>
{
    /// <summary>One app on a real port for every CLI test class; each test makes its own tokens and counts its own rows.</summary>
    public const string Name = "Cli";
}

/// <summary>
/// The real app (seeded demo data, its own SQLite file, the fixed test clock) on a real Kestrel port, as the CLI meets
/// a server: over TCP, not through the in-memory test server.
/// </summary>
public sealed class CliFixture : IAsyncLifetime
{
    public BillingAppFactory App { get; } = new();

    public Uri BaseAddress => App.ClientOptions.BaseAddress;

    /// <summary>The API over the same port with <paramref name="secret"/> as bearer, for the answers the CLI is checked against.</summary>
    public HttpClient ApiClient(string secret)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        return client;
    }

    public ValueTask InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
