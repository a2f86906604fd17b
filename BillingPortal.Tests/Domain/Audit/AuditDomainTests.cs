using BillingPortal.Domain.Audit;

namespace BillingPortal.Tests.Domain.Audit;

public sealed class AuditDomainTests
{
    private static readonly DateTime At = new(2026, 3, 10, 14, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void Diff_KeepsOnlyTheChangedFields()
    {
        var (before, after) = AuditDiff.Between(
            new Dictionary<string, object?> { ["role"] = "Member", ["billingRead"] = true },
            new Dictionary<string, object?> { ["role"] = "Admin", ["billingRead"] = true });

        Assert.Equal("{\"role\":\"Member\"}", before);
        Assert.Equal("{\"role\":\"Admin\"}", after);
    }

    [Fact]
    public void Diff_OfACreatedTarget_HasNoBefore_AndOfARemovedOne_NoAfter()
    {
        Assert.Equal((null, "{\"name\":\"ci\"}"), AuditDiff.Between(null, new Dictionary<string, object?> { ["name"] = "ci" }));
        Assert.Equal(("{\"name\":\"ci\"}", null), AuditDiff.Between(new Dictionary<string, object?> { ["name"] = "ci" }, null));
    }

    [Fact]
    public void Diff_OfEqualSnapshots_IsNoChange()
    {
        var same = new Dictionary<string, object?> { ["amountMicros"] = 25_000_000L, ["card"] = null };
        Assert.False(AuditDiff.Changes(same, new Dictionary<string, object?>(same)));
        Assert.True(AuditDiff.Changes(same, new Dictionary<string, object?> { ["amountMicros"] = 25_000_001L, ["card"] = null }));
    }

    [Fact]
    public void Diff_RefusesAnOversizedSnapshot() =>
        Assert.Throws<ArgumentException>(() => AuditDiff.Between(null, new Dictionary<string, object?> { ["x"] = new string('a', AuditDiff.MaxJsonLength) }));

    [Theory]
    [InlineData("plan.switched", true)]
    [InlineData("payment_method.default_set", true)]
    [InlineData("Plan.Switched", false)]
    [InlineData("plan", false)]
    [InlineData("plan.switched.twice", false)]
    [InlineData("", false)]
    public void ActionCodes_HaveTheAreaVerbShape(string code, bool wellFormed) => Assert.Equal(wellFormed, AuditActions.IsWellFormed(code));

    [Fact]
    public void EveryActionCode_IsWellFormed_Unique_AndHasAKind()
    {
        Assert.All(AuditActions.All, code => Assert.True(AuditActions.IsWellFormed(code), code));
        Assert.Equal(AuditActions.All.Count, AuditActions.All.Distinct().Count());
        Assert.Contains("payment_method", AuditActions.Kinds);
        Assert.Equal("api_key", AuditActions.KindOf(AuditActions.ApiKeyRevoked));
    }

    [Fact]
    public void ToEntry_CarriesActorSourceAndDiff_AndRefusesABadCodeOrLocalTime()
    {
        var workspace = Guid.NewGuid();
        var change = new AuditChange(workspace, AuditActions.MemberRoleChanged, "u1", "a@b.test",
            new Dictionary<string, object?> { ["role"] = "Member" }, new Dictionary<string, object?> { ["role"] = "Viewer" });

        var entry = change.ToEntry(AuditActor.User("owner-id", "owner@b.test", AuditSource.Api, "trace-1"), At);

        Assert.Equal((workspace, "owner-id", "owner@b.test", AuditSource.Api, "member.role_changed", "trace-1"),
            (entry.WorkspaceId, entry.ActorUserId, entry.ActorLabel, entry.Source, entry.Action, entry.CorrelationId));
        Assert.Equal("{\"role\":\"Member\"}", entry.Before);
        Assert.Throws<ArgumentException>(() => (change with { Action = "Role Changed" }).ToEntry(AuditActor.Worker(), At));
        Assert.Throws<ArgumentException>(() => change.ToEntry(AuditActor.Worker(), DateTime.SpecifyKind(At, DateTimeKind.Local)));
    }

    [Fact]
    public void SystemActors_AreNamedAndSourced()
    {
        Assert.Equal(("worker", AuditSource.Worker, (string?)null), (AuditActor.Worker().Label, AuditActor.Worker().Source, AuditActor.Worker().UserId));
        Assert.Equal(("stripe", AuditSource.Webhook), (AuditActor.Stripe("evt_1").Label, AuditActor.Stripe("evt_1").Source));
    }

    [Fact]
    public void ChangeText_ReadsFieldByField()
    {
        Assert.Equal(["role: Member → Admin", "billingRead: no → yes"],
            AuditChangeText.Lines("{\"role\":\"Member\",\"billingRead\":false}", "{\"role\":\"Admin\",\"billingRead\":true}"));
        Assert.Equal(["name: — → ci"], AuditChangeText.Lines(null, "{\"name\":\"ci\"}"));
        Assert.Empty(AuditChangeText.Lines("not json", null));
        // Money is stored in micro-dollars and read as dollars, exactly.
        Assert.Equal(["threshold: $0.00 → $5.00", "amount: — → $0.000042"],
            AuditChangeText.Lines("{\"thresholdMicros\":0}", "{\"thresholdMicros\":5000000,\"amountMicros\":42}"));
    }
}
