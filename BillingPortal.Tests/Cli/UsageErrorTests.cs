namespace BillingPortal.Tests.Cli;

/// <summary>Bad command lines exit 2 with the parser's words on stderr and send nothing; help exits 0.</summary>
[Collection(CliCollection.Name)]
public sealed class UsageErrorTests(CliFixture fixture)
{
    [Theory]
    [InlineData(new string[0], "Required command")]
    [InlineData(new[] { "refund" }, "refund")]
    [InlineData(new[] { "balance", "--jsn" }, "--jsn")]
    [InlineData(new[] { "top-up" }, "Required argument missing")]
    [InlineData(new[] { "transactions", "--limit", "0" }, "--limit must be from 1 to 1000")]
    [InlineData(new[] { "transactions", "--limit", "many" }, "'many' is not")]
    [InlineData(new[] { "transactions", "--type", "Gift" }, "'Gift' is not one")]
    [InlineData(new[] { "transactions", "--since", "yesterday" }, "--since must be")]
    [InlineData(new[] { "usage", "--by", "week" }, "week")]
    [InlineData(new[] { "usage", "--since", "2026-02-30" }, "--since must be")]
    public async Task ABadCommandLine_ExitsTwo_SayingWhy_AndSendsNothing(string[] args, string reason)
    {
        var cli = new CliRunner(fixture).As("bp_pat_unused");

        var run = await cli.RunAsync(args, "");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(reason, run.Error);
        Assert.Contains("billing --help", run.Error);
        Assert.Empty(run.Requests);
    }

    [Fact]
    public async Task Usage_SinceFurtherBackThanTheCostReportReaches_IsBadUsage_BeforeAnyRequest()
    {
        var run = await new CliRunner(fixture).As("bp_pat_unused").RunAsync("usage", "--since", "2016-01-01");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("at most 3660", run.Error);
        Assert.Empty(run.Requests);
    }

    [Fact]
    public async Task Help_ListsEveryCommand_AndExitsZero()
    {
        var run = await new CliRunner(fixture).RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "login", "setup", "status", "balance", "transactions", "usage", "invoices", "top-up", "cards", "add-card", "portal" })
            Assert.Contains(command, run.Out);
    }
}
