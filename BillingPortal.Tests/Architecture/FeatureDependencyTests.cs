namespace BillingPortal.Tests.Architecture;

/// <summary>
/// No cycles between feature folders: a capability may use another, never both ways round (a shared piece moves to
/// one side, or the user side defines a seam the other implements, as <c>IPaymentPurposeHandler</c> does).
/// </summary>
public sealed class FeatureDependencyTests
{
    [Fact]
    public void FeatureFolders_DependOnEachOther_WithoutCycles()
    {
        var root = SolutionRoot();
        var features = Path.Combine(root, "BillingPortal", "Features");
        var files = Directory.EnumerateFiles(features, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => (Path: Path.GetRelativePath(root, f).Replace('\\', '/'), Source: File.ReadAllText(f)))
            .Where(f => !f.Path.Contains("/bin/", StringComparison.Ordinal) && !f.Path.Contains("/obj/", StringComparison.Ordinal));

        var cycles = FeatureGraph.From(files).Cycles();

        Assert.True(cycles.Count == 0, "Feature folders depend on each other in a cycle:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void TheGraph_NamesACycle_ThroughAStaticCallAndAUsing()
    {
        var cycles = FeatureGraph.From([
            ("BillingPortal/Features/Payments/Fulfilment.cs", "namespace BillingPortal.Features.Payments;\nclass F { void M() => BillingPortal.Features.Invoices.Collection.Settlement.Paid(); }"),
            ("BillingPortal/Features/Invoices/Collection/Collector.cs", "using BillingPortal.Features.Payments;\nnamespace BillingPortal.Features.Invoices.Collection;"),
            ("BillingPortal/Features/Credits/Page.razor", "@using BillingPortal.Features.Payments"),
        ]).Cycles();

        var cycle = Assert.Single(cycles);
        Assert.StartsWith("Invoices <-> Payments: ", cycle);
        Assert.Contains("Payments -> Invoices (BillingPortal/Features/Payments/Fulfilment.cs)", cycle);
        Assert.Contains("Invoices -> Payments (BillingPortal/Features/Invoices/Collection/Collector.cs)", cycle);
    }

    [Fact]
    public void TheGraph_LetsOneWayUse_AndReferencesWithinAFeature_Be()
    {
        var cycles = FeatureGraph.From([
            ("BillingPortal/Features/Checkout/Events.cs", "using BillingPortal.Features.Payments;\nnamespace BillingPortal.Features.Checkout;"),
            ("BillingPortal/Features/Payments/Return/Page.cs", "using BillingPortal.Features.Payments;\n/// <see cref=\"Features.Payments.X\"/>\nnamespace BillingPortal.Features.Payments.Return;"),
            ("BillingPortal/Features/Payments/Fulfilment.cs", "using BillingPortal.Features.Payments.Return;\n// Mentions MyFeatures.Checkout only in passing.\nnamespace BillingPortal.Features.Payments;"),
        ]).Cycles();

        Assert.Empty(cycles);
    }

    private static string SolutionRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BillingPortal.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("BillingPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
