namespace BillingPortal.Hosting;

/// <summary>
/// The app's clock: the system's, except in the Testing environment when <c>Testing:ClockStart</c> is set. Then the
/// clock starts at that instant and runs at real speed, so tests that start the app as its own processes (several
/// instances, one killed) see the same dates whatever day they run on. Never honoured outside Testing.
/// </summary>
public static class TestingClock
{
    public const string Setting = "Testing:ClockStart";

    public static TimeProvider For(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsEnvironment(LocalOnlyEnvironments.Testing) && configuration[Setting] is { Length: > 0 } start
            ? new Shifted(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture))
            : TimeProvider.System;

    private sealed class Shifted(DateTimeOffset start) : TimeProvider
    {
        private readonly TimeSpan offset = start - System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
