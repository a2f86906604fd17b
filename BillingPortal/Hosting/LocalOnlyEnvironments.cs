namespace BillingPortal.Hosting;

/// <summary>
/// The environments that run on a developer's machine or in the test suite: demo data and the local checkout are
/// allowed there without anyone opting in. Every other environment (Production, Staging, …) is treated as real.
/// </summary>
public static class LocalOnlyEnvironments
{
    /// <summary>The environment the test suite's app factory uses.</summary>
    public const string Testing = "Testing";

    public static bool IsLocalOnly(this IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment(Testing);
}
