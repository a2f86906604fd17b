using BillingPortal.Features.Workspaces;

namespace BillingPortal.Tests.Features.Workspaces;

public sealed class LocalPathTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/billing")]
    [InlineData("/workspace/members?tab=1#top")]
    public void LocalPathOrRoot_PathOnThisSite_IsKept(string url) =>
        Assert.Equal(url, WorkspaceEndpoints.LocalPathOrRoot(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("evil.example/path")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\r\n/evil.example")]
    [InlineData("\\\\evil.example")]
    public void LocalPathOrRoot_AnythingElse_IsRoot(string? url) =>
        Assert.Equal("/", WorkspaceEndpoints.LocalPathOrRoot(url));
}
