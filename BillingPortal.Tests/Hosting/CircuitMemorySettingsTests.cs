using System.Xml.Linq;
using BillingPortal.Hosting;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Http;

namespace BillingPortal.Tests.Hosting;

/// <summary>The two settings that keep an open tab's memory down (docs/operations.md, "Memory").</summary>
public sealed class CircuitMemorySettingsTests
{
    [Fact]
    public async Task CircuitSocket_IsCompressedMessageByMessage_AndAddsNoSecondFramePolicy()
    {
        var options = new ServerComponentsEndpointOptions();
        CircuitEndpointHosting.Configure(options);
        var accept = new WebSocketAcceptContext();

        await options.ConfigureWebSocketAcceptContext!(new DefaultHttpContext(), accept);

        Assert.True(accept.DangerousEnableCompression);
        // No zlib compressor kept per connection between messages.
        Assert.True(accept.DisableServerContextTakeover);
        // The app's own frame-ancestors 'none' is the only policy.
        Assert.Null(options.ContentSecurityFrameAncestorsPolicy);
    }

    [Fact]
    public void AppProject_ChoosesTheWorkstationGc()
    {
        var project = XDocument.Load(Path.Combine(RepoRoot(), "BillingPortal", "BillingPortal.csproj"));

        var server = project.Descendants("ServerGarbageCollection").Select(e => e.Value.Trim()).ToList();

        Assert.Equal(["false"], server);
    }

    [Fact]
    public void AppProject_AsksTheGcToConserveMemory()
    {
        var project = XDocument.Load(Path.Combine(RepoRoot(), "BillingPortal", "BillingPortal.csproj"));

        var conserve = project.Descendants("RuntimeHostConfigurationOption")
            .Where(e => (string?)e.Attribute("Include") == "System.GC.ConserveMemory").Select(e => (string?)e.Attribute("Value")).ToList();

        Assert.Equal(["5"], conserve);
    }

    [Fact]
    public void BuiltApp_CarriesGcConserveMemoryInItsRuntimeConfig()
    {
        // What the runtime reads: the property above must reach the app's runtimeconfig.json.
        var config = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "BillingPortal.runtimeconfig.json"));

        Assert.Contains("\"System.GC.ConserveMemory\": 5", config);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BillingPortal.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No BillingPortal.sln above {AppContext.BaseDirectory}.");
    }
}
