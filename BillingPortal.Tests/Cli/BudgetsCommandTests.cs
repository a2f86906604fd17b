using System.Text.Json;
using BillingPortal.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
using static BillingPortal.Tests.Api.BillingApi.TokenTesting;

namespace BillingPortal.Tests.Cli;

/// <summary>billing budgets list|set|delete against the real app: dollars become micros, --id changes only what is given, the server's refusals are shown by field.</summary>
[Collection(CliCollection.Name)]
public sealed class BudgetsCommandTests(CliFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<CliRunner> AcmeAsOwnerAsync(TokenScope scope = TokenScope.BillingManage) =>
        new CliRunner(fixture).As(await CreateAsync(fixture.App, "owner@acme.test", await AcmeAsync(fixture.App), scope, name: "cli budgets"));

    private async Task<BillingPortal.Domain.Budgets.Budget?> StoredAsync(Guid id)
    {
        await using var db = await fixture.App.DbFactory.CreateDbContextAsync(Ct);
        return await db.Budgets.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, Ct);
    }

    [Fact]
    public async Task Set_MakesABudget_InMicros_ThenChangesOnlyWhatIsGiven_ThenDeleteRemovesIt()
    {
        var cli = await AcmeAsOwnerAsync();

        var made = await cli.RunAsync("budgets", "set", "--scope", "agent", "--target", "cli-budget-agent", "--period", "week", "--limit", "25.50",
            "--action", "block", "--thresholds", "50,90", "--json");

        Assert.True(made.ExitCode == 0, made.ToString());
        var id = made.Json.GetProperty("id").GetGuid();
        var stored = await StoredAsync(id);
        Assert.Equal(25_500_000, stored!.LimitMicros);
        Assert.Equal("cli-budget-agent", stored.Target);
        Assert.Equal("50,90", stored.Thresholds);

        var changed = await cli.RunAsync("budgets", "set", "--id", id.ToString(), "--limit", "40");

        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Contains("$40.00", changed.Out);
        Assert.Contains("cli-budget-agent", changed.Out);
        stored = await StoredAsync(id);
        Assert.Equal(40_000_000, stored!.LimitMicros);
        Assert.Equal(BillingPortal.Domain.Budgets.BudgetAction.Block, stored.Action);
        Assert.Equal(BillingPortal.Domain.Budgets.BudgetPeriod.Week, stored.Period);
        Assert.Equal("50,90", stored.Thresholds);

        var listed = await cli.RunAsync("budgets", "list");
        Assert.Matches($@"{id}\s+agent\s+cli-budget-agent\s+week\s+\$\S+\s+\$40\.00\s+.*block\s+50%,90%", listed.Out);

        var deleted = await cli.RunAsync("budgets", "delete", id.ToString());
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Null(await StoredAsync(id));
        var again = await cli.RunAsync("budgets", "delete", id.ToString());
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("no budget with that id", again.Error);
    }

    [Fact]
    public async Task List_Json_IsTheApisAnswer()
    {
        var cli = await AcmeAsOwnerAsync();
        await cli.RunAsync("budgets", "set", "--scope", "workspace", "--period", "month", "--limit", "1000");
        var secret = await CreateAsync(fixture.App, "finance@acme.test", await AcmeAsync(fixture.App), TokenScope.BillingRead, name: "cli budgets read");

        var json = await new CliRunner(fixture).As(secret).RunAsync("budgets", "list", "--json");

        Assert.True(json.ExitCode == 0, json.ToString());
        CliJson.AssertSameAsApi(json.Json, await JsonAsync(await fixture.ApiClient(secret).GetAsync("/api/v1/billing/budgets", Ct)));
        Assert.Contains(json.Json.GetProperty("data").EnumerateArray(), b => b.GetProperty("limitMicros").GetInt64() == 1_000_000_000);
    }

    [Theory]
    [InlineData("--limit", "abc", "--limit must be dollars")]
    [InlineData("--limit", "0", "--limit must be dollars above zero")]
    [InlineData("--limit", "1.234", "at most two decimals")]
    [InlineData("--thresholds", "50;80", "--thresholds must be percentages")]
    public async Task Set_ABadOption_IsBadUsage_AndSendsNothing(string option, string value, string reason)
    {
        var cli = await AcmeAsOwnerAsync();

        string[] limit = option == "--limit" ? [] : ["--limit", "5"];

        var run = await cli.RunAsync(["budgets", "set", "--scope", "workspace", "--period", "day", .. limit, option, value]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Error);
        Assert.Empty(run.Requests);
    }

    [Fact]
    public async Task Set_AFieldTheServerRefuses_IsShownByName_AndNothingIsMade()
    {
        var cli = await AcmeAsOwnerAsync();

        var run = await cli.RunAsync("budgets", "set", "--scope", "agent", "--period", "fortnight", "--limit", "5");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("target: Name the agent", run.Error);
        Assert.Contains("period: Choose the period", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Set_WithAReadToken_IsRefused()
    {
        var cli = await AcmeAsOwnerAsync(TokenScope.BillingRead);

        var run = await cli.RunAsync("budgets", "set", "--scope", "workspace", "--period", "day", "--limit", "5");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Refused", run.Error);
    }
}
