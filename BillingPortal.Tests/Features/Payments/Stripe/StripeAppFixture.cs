namespace BillingPortal.Tests.Features.Payments.Stripe;

/// <summary>One Stripe-configured app per test class; tests make their own payments, so they do not collide.</summary>
public sealed class StripeAppFixture : IAsyncLifetime
{
    public StripeAppFactory Factory { get; } = new();

    public ValueTask InitializeAsync()
    {
        _ = Factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
