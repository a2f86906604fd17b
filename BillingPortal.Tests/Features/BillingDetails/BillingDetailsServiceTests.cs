using System.Security.Claims;
using BillingPortal.Domain;
using BillingPortal.Domain.Audit;
using BillingPortal.Domain.BillingDetails;
using BillingPortal.Features.Activity;
using BillingPortal.Features.BillingDetails;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Workspaces;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BillingPortal.Tests.Features.BillingDetails;

/// <summary>
/// Saving billing details as an attacker would try it, through the app's own service on the seeded app: another
/// workspace's id, a role that may only read, and over-long fields are each refused, and nothing is written.
/// </summary>
public sealed class BillingDetailsServiceTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly BillingDetailsInput Good =
        new("Acme AI GmbH", "Invalidenstraße 117", null, "Berlin", "10115", null, "DE", "eu_vat", "DE123456789", "finance@acme.test");

    [Fact]
    public async Task AnOwner_SavingForAWorkspaceTheyAreNotIn_IsRefused_AndNothingIsWritten()
    {
        // A workspace of someone else's: the demo Owner is no member of it.
        Guid other;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            other = await scope.ServiceProvider.GetRequiredService<WorkspaceProvisioner>()
                .CreateTeamWorkspaceAsync("Someone else's", await UserIdAsync("member@acme.test"), PlanCatalog.Pro, trialDays: null, Ct);
        var since = await LastAuditIdAsync();

        var result = await SaveAsync(await UserAsync("owner@acme.test"), other, Good);

        Assert.False(result.Succeeded);
        Assert.Equal("You can no longer manage the billing of this workspace.", result.Message);
        Assert.Empty(result.Errors);
        await AssertNothingWrittenAsync(other, since);
    }

    [Theory]
    [InlineData("finance@acme.test")] // billing:read: sees the details, may not change them
    [InlineData("member@acme.test")]
    [InlineData("viewer@acme.test")]
    public async Task ARoleThatMayNotManageBilling_IsRefused_AndNothingIsWritten(string email)
    {
        var workspace = await DemoWorkspaceAsync();
        var since = await LastAuditIdAsync();

        var result = await SaveAsync(await UserAsync(email), workspace, Good);

        Assert.False(result.Succeeded);
        await AssertNothingWrittenAsync(workspace, since);
    }

    [Fact]
    public async Task OverLongFields_EachGetTheirOwnMessage_AndNothingIsWritten()
    {
        var workspace = await DemoWorkspaceAsync();
        var since = await LastAuditIdAsync();
        var tooLong = Good with
        {
            LegalName = new string('N', BillingDetailsRules.MaxNameLength + 1),
            AddressLine1 = new string('A', BillingDetailsRules.MaxLineLength + 1),
            AddressLine2 = new string('B', BillingDetailsRules.MaxLineLength + 1),
            City = new string('C', BillingDetailsRules.MaxCityLength + 1),
            Region = new string('R', BillingDetailsRules.MaxRegionLength + 1),
            PostalCode = new string('1', BillingDetailsRules.MaxPostalCodeLength + 1),
            TaxId = "DE" + new string('1', 5000),
            Email = new string('e', BillingDetailsRules.MaxEmailLength) + "@x.test",
        };

        var result = await SaveAsync(await UserAsync("owner@acme.test"), workspace, tooLong);

        Assert.False(result.Succeeded);
        Assert.Equal("Check the highlighted fields.", result.Message);
        Assert.Equal(
            [BillingDetailsFields.AddressLine1, BillingDetailsFields.AddressLine2, BillingDetailsFields.City, BillingDetailsFields.Email,
             BillingDetailsFields.LegalName, BillingDetailsFields.PostalCode, BillingDetailsFields.Region, BillingDetailsFields.TaxId],
            result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("The legal name is at most 200 characters (this one has 201).", result.Errors[BillingDetailsFields.LegalName]);
        Assert.Equal("EU VAT numbers look like DE123456789; this one does not.", result.Errors[BillingDetailsFields.TaxId]);
        await AssertNothingWrittenAsync(workspace, since);
    }

    private async Task<BillingDetailsResult> SaveAsync(ClaimsPrincipal user, Guid workspace, BillingDetailsInput input)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IAuditContext>().Use(AuditActor.User(user.FindFirstValue(ClaimTypes.NameIdentifier)!, "test", AuditSource.Page));
        return await scope.ServiceProvider.GetRequiredService<BillingDetailsService>().SaveAsync(user, workspace, input, Ct);
    }

    private async Task AssertNothingWrittenAsync(Guid workspace, long auditSince)
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        Assert.False(await db.BillingDetails.AnyAsync(d => d.WorkspaceId == workspace, Ct));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Id > auditSince, Ct));
    }

    private async Task<Guid> DemoWorkspaceAsync()
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        return await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
    }

    private async Task<ClaimsPrincipal> UserAsync(string email) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, await UserIdAsync(email))], "Test"));

    private async Task<string> UserIdAsync(string email)
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct);
    }

    private async Task<long> LastAuditIdAsync()
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        return await db.AuditEntries.MaxAsync(a => (long?)a.Id, Ct) ?? 0;
    }
}
