using System.Data.Common;
using BillingPortal.Components.Layout;
using BillingPortal.Data;
using BillingPortal.Domain.Notifications;
using BillingPortal.Features.Notifications;
using BillingPortal.Security;
using BillingPortal.Tests.Features.Notifications;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BillingPortal.Tests.Components.Layout;

/// <summary>
/// The open bell picks up what another app instance wrote, at its next poll on the app's clock. Its reads go through
/// an interceptor that makes every query complete asynchronously, as on PostgreSQL or SQL Server (SQLite's "async"
/// usually completes at once, which hid that the first render comes before the workspace is known).
/// </summary>
public sealed class NotificationBellTests : BunitContextBase
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ANoticeWrittenByAnotherInstance_ShowsOnTheOpenBell_AtTheNextPoll_WithoutAReload()
    {
        await using var f = await NotificationFixture.CreateAsync();
        var factory = new ServerLikeFactory(f.Database.ConnectionString);
        Services.AddSingleton(new NotificationInbox(factory, f.Database.Clock));
        Services.AddSingleton(new WorkspaceDirectory(factory));
        Services.AddSingleton<TimeProvider>(f.Database.Clock);
        SignInAs(f.OwnerId, "owner@team.test");

        var bell = Render<NotificationBell>();
        bell.WaitForAssertion(() => Assert.Contains("aria-label=\"Notifications\"", bell.Markup));
        // The label shows before the workspace is read; the poll's clock starts only after. Wait for it, or the clock
        // below would move before the poll's first wait is scheduled (a loaded machine did that).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!bell.Instance.IsPolling && waited.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(10, Ct);
        Assert.True(bell.Instance.IsPolling, "The bell never started polling.");

        // Another instance (the worker leader, say) writes a notice to the shared database.
        await f.Notifier.NotifyBillingManagersAsync(new NotificationRequest(f.WorkspaceId, NotificationTypes.BalanceLow, "low-1", "Balance low", "Top up soon"), Ct);
        f.Database.Clock.Advance(NotificationBell.PollEvery - TimeSpan.FromSeconds(1));
        // Nothing is due: the fake clock fires no timer before PollEvery. The pause only gives a poll that was wrongly
        // scheduled early the time to render; this "not yet" can pass wrongly but never fail wrongly.
        await Task.Delay(100, Ct);
        Assert.DoesNotContain("1 unread", bell.Markup);

        f.Database.Clock.Advance(TimeSpan.FromSeconds(1));
        bell.WaitForAssertion(() => Assert.Contains("aria-label=\"Notifications, 1 unread\"", bell.Markup), TimeSpan.FromSeconds(10));
    }

    /// <summary>Contexts on the test file whose every query yields before it runs, as a network database's do.</summary>
    private sealed class ServerLikeFactory(string connectionString) : IDbContextFactory<BillingDbContext>
    {
        private readonly DbContextOptions<SqliteBillingDbContext> options = new DbContextOptionsBuilder<SqliteBillingDbContext>()
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmas(), new YieldFirst())
            .UseApplicationServiceProvider(new ServiceCollection().Configure<IdentityOptions>(IdentityStoreOptions.Apply).BuildServiceProvider())
            .Options;

        public BillingDbContext CreateDbContext() => new SqliteBillingDbContext(options);
    }

    private sealed class YieldFirst : DbCommandInterceptor
    {
        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await Task.Delay(1, cancellationToken);
            return result;
        }

        public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            await Task.Delay(1, cancellationToken);
            return result;
        }
    }
}
