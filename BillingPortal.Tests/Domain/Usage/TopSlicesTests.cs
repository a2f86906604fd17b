using BillingPortal.Domain.Usage;

namespace BillingPortal.Tests.Domain.Usage;

public sealed class TopSlicesTests
{
    private static readonly (string Name, long Micros)[] Models =
    [
        ("gpt-4o", 5_000_001), ("claude-sonnet-4", 9_000_000), ("haiku", 1), ("web-search", 3_333_333), ("o3", 2_000_000),
        ("mistral", 12), ("llama", 700_000), ("gemini", 700_000), ("embed", 999), ("rerank", 42), ("storage", 1_000_000),
        ("tts", 5), ("vision", 250_000), ("code-exec", 7),
    ];

    private static TopSplit<(string Name, long Micros)> Split(IEnumerable<(string Name, long Micros)> slices, int top = TopSlices.DefaultTop) =>
        TopSlices.Split(slices, s => s.Micros, s => s.Name, top);

    [Fact]
    public void Split_OfFourteenModels_KeepsTheSixLargestInOrder_AndSumsTheRestToTheMicroDollar()
    {
        var split = Split(Models);

        Assert.Equal(["claude-sonnet-4", "gpt-4o", "web-search", "o3", "storage", "gemini"], split.Top.Select(s => s.Name));
        Assert.True(split.HasOther);
        Assert.Equal(8, split.Rest.Count);
        Assert.Equal(700_000 + 250_000 + 999 + 42 + 12 + 7 + 5 + 1, split.OtherMicros);
        Assert.Equal(Models.Sum(m => m.Micros), split.Top.Sum(s => s.Micros) + split.OtherMicros);
    }

    [Fact]
    public void Split_BreaksTiesByName_SoTheSameDataAlwaysGivesTheSameSlices()
    {
        var split = Split(Models.Reverse());

        Assert.Equal("gemini", split.Top[^1].Name); // gemini and llama both 700,000: gemini first
        Assert.Equal("llama", split.Rest[0].Name);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(7)]
    public void Split_OfAtMostTopPlusOne_HasNoOther(int count)
    {
        var split = Split(Models.Take(count));

        Assert.False(split.HasOther);
        Assert.Equal(0, split.OtherMicros);
        Assert.Equal(count, split.Top.Count);
    }

    [Fact]
    public void Split_OfTopPlusTwo_PutsTheTwoSmallestInOther()
    {
        var split = Split(Models.Take(8));

        Assert.Equal(6, split.Top.Count);
        Assert.Equal(["mistral", "haiku"], split.Rest.Select(s => s.Name));
        Assert.Equal(13, split.OtherMicros);
    }

    [Fact]
    public void Split_KeepsNegativeAmounts_AndStillAddsUp()
    {
        (string, long)[] slices = [("a", 10), ("b", -3), ("c", 2), ("d", 1)];

        var split = TopSlices.Split(slices, s => s.Item2, s => s.Item1, top: 1);

        Assert.Equal(3, split.Rest.Count);
        Assert.Equal(slices.Sum(s => s.Item2), split.Top.Sum(s => s.Item2) + split.OtherMicros);
    }
}
