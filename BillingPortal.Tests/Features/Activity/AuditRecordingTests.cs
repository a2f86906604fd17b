using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Audit;
using BillingPortal.Domain.BillingDetails;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Activity;
using BillingPortal.Features.ApiKeys;
using BillingPortal.Features.BillingDetails;
using BillingPortal.Features.Credits.AutoTopUp;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Members;
using BillingPortal.Features.Members.Invitations;
using BillingPortal.Features.Members.Membership;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Payments.Methods;
using BillingPortal.Features.Plans;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BillingPortal.Tests.Features.Activity;

/// <summary>
/// Each audited change, run through the app's own services on a real database, writes exactly one row with its actor and
/// source, in the change's transaction; a refused change and a rolled-back unit write none.
/// </summary>
public class AuditRecordingTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChangingARole_RecordsOneRow_WithWhoWhatAndFromWhere()
    {
        var (workspace, owner) = await DemoAsync();
        var member = await MemberIdAsync(workspace, "member@acme.test");
        var since = await LastIdAsync();

        var result = await AsOwner<MemberService, MemberResult>(s => s.ChangeRoleAsync(owner, workspace, member, WorkspaceRole.Viewer, Ct));

        Assert.True(result.Succeeded, result.Message);
        var row = Assert.Single(await RowsSinceAsync(since));
        Assert.Equal((AuditActions.MemberRoleChanged, OwnerId(owner), "owner@acme.test", AuditSource.Page, "member@acme.test"),
            (row.Action, row.ActorUserId, row.ActorLabel, row.Source, row.TargetLabel));
        Assert.Equal("{\"role\":\"Member\"}", row.Before);
        Assert.Equal("{\"role\":\"Viewer\"}", row.After);
        Assert.Equal(app.Factory.Clock.GetUtcNow().UtcDateTime, row.At);
        await AsOwner<MemberService, MemberResult>(s => s.ChangeRoleAsync(owner, workspace, member, WorkspaceRole.Member, Ct));
    }

    [Fact]
    public async Task DemotingTheLastOwner_IsRefused_AndRecordsNothing()
    {
        var (workspace, owner) = await DemoAsync();
        var self = await MemberIdAsync(workspace, "owner@acme.test");
        var since = await LastIdAsync();

        var result = await AsOwner<MemberService, MemberResult>(s => s.ChangeRoleAsync(owner, workspace, self, WorkspaceRole.Admin, Ct));

        Assert.False(result.Succeeded);
        Assert.Empty(await RowsSinceAsync(since));
    }

    [Fact]
    public async Task BillingRead_Removal_AndInvitations_RecordOneRowEach()
    {
        var (workspace, owner) = await DemoAsync();
        var viewer = await MemberIdAsync(workspace, "viewer@acme.test");
        var since = await LastIdAsync();

        Assert.True((await AsOwner<MemberService, MemberResult>(s => s.SetBillingReadAsync(owner, workspace, viewer, true, Ct))).Succeeded);
        Assert.True((await AsOwner<InvitationService, MemberResult>(s =>
            s.InviteAsync(owner, workspace, new InviteRequest("new.person@acme.test", WorkspaceRole.Member, false), new Uri("https://billing.test/"), Ct))).Succeeded);
        long invitation;
        await using (var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct))
            invitation = await db.WorkspaceInvitations.Where(i => i.Email == "new.person@acme.test").Select(i => i.Id).SingleAsync(Ct);
        Assert.True((await AsOwner<InvitationService, MemberResult>(s => s.RevokeAsync(owner, workspace, invitation, Ct))).Succeeded);
        // Revoking again is refused: nothing more is recorded.
        Assert.False((await AsOwner<InvitationService, MemberResult>(s => s.RevokeAsync(owner, workspace, invitation, Ct))).Succeeded);
        Assert.True((await AsOwner<MemberService, MemberResult>(s => s.SetBillingReadAsync(owner, workspace, viewer, false, Ct))).Succeeded);

        var rows = await RowsSinceAsync(since);
        Assert.Equal([AuditActions.MemberPermissionsChanged, AuditActions.InvitationSent, AuditActions.InvitationRevoked, AuditActions.MemberPermissionsChanged],
            rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal(("owner@acme.test", AuditSource.Page), (r.ActorLabel, r.Source)));
        Assert.Equal(invitation.ToString(), rows[1].TargetId);
        Assert.DoesNotContain("token", rows[1].After ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AutoTopUp_ABadAmountRecordsNothing_AGoodSaveOneRow()
    {
        var (workspace, owner) = await DemoAsync();
        var since = await LastIdAsync();

        var bad = await AsOwner<CreditSettingsService, SettingsResult>(s =>
            s.SaveAutoTopUpAsync(owner, workspace, new AutoTopUpChange(true, 5_000_000, -1, 100_000_000, null), Ct));
        Assert.False(bad.Succeeded);
        Assert.Empty(await RowsSinceAsync(since));

        var good = await AsOwner<CreditSettingsService, SettingsResult>(s =>
            s.SaveAutoTopUpAsync(owner, workspace, new AutoTopUpChange(true, 5_000_000, 25_000_000, 100_000_000, null), Ct));
        Assert.True(good.Succeeded, good.Message);
        var low = await AsOwner<CreditSettingsService, SettingsResult>(s => s.SaveLowBalanceThresholdAsync(owner, workspace, 7_000_000, Ct));
        Assert.True(low.Succeeded, low.Message);
        // Saving the same threshold again changes nothing and records nothing.
        await AsOwner<CreditSettingsService, SettingsResult>(s => s.SaveLowBalanceThresholdAsync(owner, workspace, 7_000_000, Ct));

        PaymentMethod card;
        await using (var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct))
            card = await db.PaymentMethods.AsNoTracking().FirstAsync(m => m.WorkspaceId == workspace && m.RemovedAt == null, Ct);
        var chosen = await AsOwner<CreditSettingsService, SettingsResult>(s =>
            s.SaveAutoTopUpAsync(owner, workspace, new AutoTopUpChange(true, 5_000_000, 25_000_000, 100_000_000, card.Id), Ct));
        Assert.True(chosen.Succeeded, chosen.Message);

        var rows = await RowsSinceAsync(since);
        Assert.Equal([AuditActions.AutoTopUpUpdated, AuditActions.LowBalanceThresholdUpdated, AuditActions.AutoTopUpUpdated], rows.Select(r => r.Action));
        Assert.Contains("\"amountMicros\":25000000", rows[0].After);
        Assert.DoesNotContain(workspace.ToString(), rows[0].After);
        Assert.Equal("{\"lowBalanceThresholdMicros\":7000000}", rows[1].After);
        // A card is named as the page names it, never by its id.
        using var before = System.Text.Json.JsonDocument.Parse(rows[2].Before!);
        using var after = System.Text.Json.JsonDocument.Parse(rows[2].After!);
        Assert.Equal("the default card", before.RootElement.GetProperty("card").GetString());
        Assert.Equal(card.Display, after.RootElement.GetProperty("card").GetString());
        Assert.DoesNotContain(card.Id.ToString(), rows[2].After);
        await AsOwner<CreditSettingsService, SettingsResult>(s => s.DisableAutoTopUpAsync(owner, workspace, Ct));
    }

    [Fact]
    public async Task BillingDetails_ABadFieldOrAViewerRecordsNothing_AGoodSaveOneRowWithItsActor_TheSameSaveNone()
    {
        var (workspace, owner) = await DemoAsync();
        var viewer = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, await UserIdAsync("viewer@acme.test"))], "Test"));
        var details = new BillingDetailsInput("Acme AI GmbH", "Invalidenstraße 117", null, "Berlin", "10115", null, "DE", "eu_vat", "DE123456789", "finance@acme.test");
        var since = await LastIdAsync();

        var bad = await AsOwner<BillingDetailsService, BillingDetailsResult>(s => s.SaveAsync(owner, workspace, details with { TaxId = "DE12" }, Ct));
        var refused = await AsOwner<BillingDetailsService, BillingDetailsResult>(s => s.SaveAsync(viewer, workspace, details, Ct));
        Assert.False(bad.Succeeded);
        Assert.Equal([BillingDetailsFields.TaxId], bad.Errors.Keys);
        Assert.False(refused.Succeeded);
        Assert.Empty(await RowsSinceAsync(since));
        await using (var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct))
            Assert.False(await db.BillingDetails.AnyAsync(d => d.WorkspaceId == workspace, Ct));

        var good = await AsOwner<BillingDetailsService, BillingDetailsResult>(s => s.SaveAsync(owner, workspace, details, Ct));
        Assert.True(good.Succeeded, good.Message);
        var again = await AsOwner<BillingDetailsService, BillingDetailsResult>(s => s.SaveAsync(owner, workspace, details, Ct));
        Assert.True(again.Succeeded, again.Message);
        var changed = await AsOwner<BillingDetailsService, BillingDetailsResult>(s => s.SaveAsync(owner, workspace, details with { City = "Potsdam", PostalCode = "14467" }, Ct));
        Assert.True(changed.Succeeded, changed.Message);

        var rows = await RowsSinceAsync(since);
        Assert.Equal([AuditActions.BillingDetailsUpdated, AuditActions.BillingDetailsUpdated], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal((OwnerId(owner), "owner@acme.test", AuditSource.Page, "Billing details", app.Factory.Clock.GetUtcNow().UtcDateTime),
            (r.ActorUserId, r.ActorLabel, r.Source, r.TargetLabel, r.At)));
        Assert.Null(rows[0].Before);
        Assert.Contains("\"taxId\":\"DE123456789\"", rows[0].After);
        Assert.Equal("{\"city\":\"Berlin\",\"postalCode\":\"10115\"}", rows[1].Before);
        Assert.Equal("{\"city\":\"Potsdam\",\"postalCode\":\"14467\"}", rows[1].After);
        await using (var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct))
        {
            var saved = await db.BillingDetails.SingleAsync(d => d.WorkspaceId == workspace, Ct);
            Assert.Equal(("Potsdam", OwnerId(owner)), (saved.City, saved.UpdatedByUserId));
            db.BillingDetails.Remove(saved); // the demo workspace stays as seeded for the other tests of this class
            await db.SaveChangesAsync(Ct);
        }
    }

    [Fact]
    public async Task ApiKeys_CreateAndRevoke_RecordOneRowEach_AndARepeatedRevokeNone()
    {
        var (workspace, owner) = await DemoAsync();
        var since = await LastIdAsync();

        var created = await AsOwner<ApiKeyService, ApiKeyResult>(s => s.CreateAsync(owner, workspace, "audit key", Ct));
        var id = created.Created!.Key.Id;
        await AsOwner<ApiKeyService, ApiKeyResult>(s => s.RevokeAsync(owner, workspace, id, Ct));
        await AsOwner<ApiKeyService, ApiKeyResult>(s => s.RevokeAsync(owner, workspace, id, Ct));

        var rows = await RowsSinceAsync(since);
        Assert.Equal([AuditActions.ApiKeyCreated, AuditActions.ApiKeyRevoked], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal((id.ToString(), "audit key"), (r.TargetId, r.TargetLabel)));
        Assert.DoesNotContain("secret", rows[0].After ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cards_AddedDefaultAndRemoved_RecordOneRowEach()
    {
        var (workspace, owner) = await DemoAsync();
        var since = await LastIdAsync();

        var card = await app.Factory.Services.GetRequiredService<PaymentMethodStore>().AttachAsync(
            new CardAttach(workspace, PaymentProvider.Local, "tok_audit_mc", "mastercard", "4444", 9, 2031) { By = AuditActor.Stripe("cs_audit") }, Ct);
        // The same card reported again (webhook and return page) is not a second addition.
        await app.Factory.Services.GetRequiredService<PaymentMethodStore>().AttachAsync(
            new CardAttach(workspace, PaymentProvider.Local, "tok_audit_mc", "mastercard", "4444", 9, 2031) { By = AuditActor.Stripe("cs_audit") }, Ct);
        var previousDefault = await DefaultCardAsync(workspace);
        Assert.True((await AsOwner<PaymentMethodService, PaymentMethodResult>(s => s.SetDefaultAsync(owner, workspace, card.Id, Ct))).Succeeded);
        Assert.True((await AsOwner<PaymentMethodService, PaymentMethodResult>(s => s.SetDefaultAsync(owner, workspace, previousDefault, Ct))).Succeeded);
        var removed = await AsOwner<PaymentMethodService, PaymentMethodResult>(s => s.RemoveAsync(owner, workspace, card.Id, Ct));
        Assert.True(removed.Succeeded, removed.Message);

        var rows = await RowsSinceAsync(since);
        Assert.Equal([AuditActions.PaymentMethodAdded, AuditActions.PaymentMethodDefaultSet, AuditActions.PaymentMethodDefaultSet, AuditActions.PaymentMethodRemoved],
            rows.Select(r => r.Action));
        Assert.Equal(("stripe", AuditSource.Webhook), (rows[0].ActorLabel, rows[0].Source));
        Assert.Equal(("owner@acme.test", AuditSource.Page), (rows[3].ActorLabel, rows[3].Source));
        Assert.Equal("Mastercard •••• 4444", rows[3].TargetLabel);
    }

    [Fact]
    public async Task ADowngrade_ScheduledAndCancelled_RecordsOneRowEach()
    {
        var (workspace, owner) = await DemoAsync();
        var since = await LastIdAsync();

        Assert.True((await AsOwner<PlanSwitches, PlanChangeResult>(s => s.ScheduleDowngradeAsync(workspace, PlanCatalog.Free, Ct))).Succeeded);
        // Scheduling the same downgrade again is a replay: nothing new is recorded.
        await AsOwner<PlanSwitches, PlanChangeResult>(s => s.ScheduleDowngradeAsync(workspace, PlanCatalog.Free, Ct));
        Assert.True((await AsOwner<PlanSwitches, PlanChangeResult>(s => s.CancelDowngradeAsync(workspace, Ct))).Succeeded);

        var rows = await RowsSinceAsync(since);
        Assert.Equal([AuditActions.PlanDowngradeScheduled, AuditActions.PlanDowngradeCancelled], rows.Select(r => r.Action));
        Assert.Equal("{\"pendingPlan\":\"free\"}", rows[0].After);
        Assert.Equal("{\"pendingPlan\":\"free\"}", rows[1].Before);
    }

    [Fact]
    public async Task ARecordInAUnitThatRollsBackOrIsRefused_IsNotWritten_AndOneThatCommitsIs()
    {
        var (workspace, _) = await DemoAsync();
        var writes = app.Factory.Services.GetRequiredService<BillingWrites>();
        var trail = app.Factory.Services.GetRequiredService<AuditTrail>();
        var change = new AuditChange(workspace, AuditActions.ApiKeyCreated, "k", "rolled back");
        var since = await LastIdAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => writes.RunAsync<int>((scope, _) =>
        {
            trail.RecordWithin(scope, AuditActor.Worker(), change);
            throw new InvalidOperationException("the change failed");
        }, Ct));
        await writes.RunAsync((scope, _) => Task.FromResult(trail.RecordWithin(scope, AuditActor.Worker(), change) is null), commitWhen: refused => refused, attempts: 1, Ct);
        Assert.Empty(await RowsSinceAsync(since));

        await writes.RunAsync((scope, _) => Task.FromResult(trail.RecordWithin(scope, AuditActor.Worker(), change with { TargetLabel = "kept" })), Ct);
        Assert.Equal("kept", Assert.Single(await RowsSinceAsync(since)).TargetLabel);
    }

    [Fact]
    public async Task TheScopesActor_IsAWorker_WhenNoOneIsSignedIn()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var actor = await scope.ServiceProvider.GetRequiredService<IAuditContext>().ActorAsync(Ct);
        Assert.Equal((AuditActors.Worker, AuditSource.Worker, (string?)null), (actor.Label, actor.Source, actor.UserId));
    }

    // The owner acting on a page: the scope's audit context is told so, as a circuit's would find it.
    private async Task<TResult> AsOwner<TService, TResult>(Func<TService, Task<TResult>> act) where TService : notnull
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var owner = await UserIdAsync("owner@acme.test");
        scope.ServiceProvider.GetRequiredService<IAuditContext>().Use(AuditActor.User(owner, "owner@acme.test", AuditSource.Page));
        return await act(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private async Task<(Guid Workspace, ClaimsPrincipal Owner)> DemoAsync()
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var workspace = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
        var owner = await UserIdAsync("owner@acme.test");
        return (workspace, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, owner)], "Test")));
    }

    private static string OwnerId(ClaimsPrincipal owner) => owner.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task<string> UserIdAsync(string email)
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct);
    }

    private async Task<long> MemberIdAsync(Guid workspace, string email)
    {
        var user = await UserIdAsync(email);
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        return await db.WorkspaceMembers.Where(m => m.WorkspaceId == workspace && m.UserId == user).Select(m => m.Id).SingleAsync(Ct);
    }

    private async Task<Guid> DefaultCardAsync(Guid workspace)
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        return await db.PaymentMethods.Where(m => m.WorkspaceId == workspace && m.IsDefault && m.RemovedAt == null).Select(m => m.Id).SingleAsync(Ct);
    }

    private async Task<long> LastIdAsync()
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        return await db.AuditEntries.MaxAsync(a => (long?)a.Id, Ct) ?? 0;
    }

    private async Task<List<AuditEntry>> RowsSinceAsync(long id)
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        return await db.AuditEntries.AsNoTracking().Where(a => a.Id > id).OrderBy(a => a.Id).ToListAsync(Ct);
    }
}
