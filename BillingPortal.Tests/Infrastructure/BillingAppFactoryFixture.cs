namespace BillingPortal.Tests.Infrastructure;

/// <summary>One seeded app shared by a test class (xUnit class fixture); tests that change data make their own.</summary>
public sealed class BillingAppFactoryFixture : IAsyncLifetime
{
    public BillingAppFactory Factory { get; } = new();

    public ValueTask InitializeAsync()
    {
        _ = Factory.Server; // start the host: migrate and seed once
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
