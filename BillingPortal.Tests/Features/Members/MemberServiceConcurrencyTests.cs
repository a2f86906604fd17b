using BillingPortal.Domain;
using BillingPortal.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Members;

/// <summary>Two Owners acting at the same moment, each from their own circuit, must never leave a workspace ownerless.</summary>
public sealed class MemberServiceConcurrencyTests : IAsyncLifetime
{
    // Several rounds, because a lost race only shows when both reads land before either write.
    private const int Rounds = 12;
    private MemberServiceFixture team = default!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => team = await MemberServiceFixture.CreateAsync();
    public ValueTask DisposeAsync() => team.DisposeAsync();

    [Fact]
    public async Task LastTwoOwnersDemotingThemselvesAtOnce_ExactlyOneSucceeds_AndOneOwnerRemains()
    {
        for (var round = 0; round < Rounds; round++)
        {
            await team.AddMemberAsync($"owner{round}@team.test", WorkspaceRole.Owner);
            var owners = await OwnersAsync();
            Assert.Equal(2, owners.Count);

            var results = await Task.WhenAll(owners.Select(o =>
                Task.Run(() => team.NewService().ChangeRoleAsync(TestAuthorization.User(o.UserId), team.WorkspaceId, o.Id, WorkspaceRole.Member, Ct), Ct)));

            Assert.Single(results, r => r.Succeeded);
            Assert.Contains(results, r => r.Message == "A workspace needs at least one Owner: make someone else Owner first.");
            Assert.Single(await OwnersAsync());
        }
    }

    [Fact]
    public async Task LastTwoOwnersDemotingEachOtherAtOnce_ExactlyOneSucceeds_AndOneOwnerRemains()
    {
        for (var round = 0; round < Rounds; round++)
        {
            await team.AddMemberAsync($"owner{round}@team.test", WorkspaceRole.Owner);
            var owners = await OwnersAsync();
            Assert.Equal(2, owners.Count);

            var results = await Task.WhenAll(owners.Select((o, i) =>
            {
                var other = owners[1 - i];
                return Task.Run(() => team.NewService().ChangeRoleAsync(TestAuthorization.User(o.UserId), team.WorkspaceId, other.Id, WorkspaceRole.Admin, Ct), Ct);
            }));

            Assert.Single(results, r => r.Succeeded);
            Assert.Single(await OwnersAsync());
        }
    }

    [Fact]
    public async Task LastTwoOwnersRemovingEachOtherAtOnce_OneOwnerRemains()
    {
        for (var round = 0; round < Rounds; round++)
        {
            await team.AddMemberAsync($"owner{round}@team.test", WorkspaceRole.Owner);
            var owners = await OwnersAsync();

            var results = await Task.WhenAll(owners.Select((o, i) =>
                Task.Run(() => team.NewService().RemoveAsync(TestAuthorization.User(o.UserId), team.WorkspaceId, owners[1 - i].Id, Ct), Ct)));

            Assert.Single(results, r => r.Succeeded);
            Assert.Single(await OwnersAsync());
        }
    }

    private async Task<List<WorkspaceMember>> OwnersAsync()
    {
        await using var db = team.Database.Open();
        return await db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.WorkspaceId == team.WorkspaceId && m.Role == WorkspaceRole.Owner).OrderBy(m => m.Id).ToListAsync(Ct);
    }
}
