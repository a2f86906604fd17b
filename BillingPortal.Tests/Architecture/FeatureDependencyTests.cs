namespace BillingPortal.Tests.Architecture;

/// <summary>
/// No cycles between feature folders, nor between the folders inside a feature (<c>Credits</c> and
/// <c>Credits/AutoTopUp</c> are two nodes): a part may use another, never both ways round (a shared piece moves to the
/// lower side, or the user side defines a seam the other implements, as <c>IPaymentPurposeHandler</c> does).
/// </summary>
public sealed class FeatureDependencyTests
{
    [Fact]
    public void FeatureFolders_AndTheirSubfolders_DependOnEachOther_WithoutCycles()
    {
        var cycles = SourceGraph().Cycles();

        Assert.True(cycles.Count == 0, "Feature folders depend on each other in a cycle:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void TheSourceScan_SeesEdgesBetweenTheFoldersOfOneFeature()
    {
        var edges = SourceGraph().Edges().ToList();

        // The adapters implement the seam; the local checkout uses the fulfilment; the webhooks use the Stripe adapter.
        Assert.Contains("Payments/Stripe -> Payments/Gateway", edges);
        Assert.Contains("Payments/Checkout -> Payments", edges);
        Assert.Contains("Payments/Webhooks -> Payments/Stripe", edges);
        Assert.DoesNotContain("Payments/Gateway -> Payments/Stripe", edges);
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
        Assert.StartsWith("Invoices/Collection <-> Payments: ", cycle);
        Assert.Contains("Payments -> Invoices/Collection (BillingPortal/Features/Payments/Fulfilment.cs)", cycle);
        Assert.Contains("Invoices/Collection -> Payments (BillingPortal/Features/Invoices/Collection/Collector.cs)", cycle);
    }

    [Fact]
    public void TheGraph_NamesACycle_BetweenAFeatureAndItsSubfolder_ThroughATypeUsedWithoutAUsing()
    {
        // C# lets AutoTopUp use CreditSettingsService by its simple name: Credits encloses its namespace.
        var cycles = FeatureGraph.From([
            ("BillingPortal/Features/Credits/CreditsPage.razor", "@using BillingPortal.Features.Credits.AutoTopUp\n<AutoTopUpCard />"),
            ("BillingPortal/Features/Credits/CreditSettingsService.cs", "namespace BillingPortal.Features.Credits;\n\npublic sealed class CreditSettingsService;"),
            ("BillingPortal/Features/Credits/AutoTopUp/AutoTopUpCard.razor.cs", "namespace BillingPortal.Features.Credits.AutoTopUp;\n\npublic partial class AutoTopUpCard { CreditSettingsService? settings; }"),
        ]).Cycles();

        Assert.Equal(["Credits <-> Credits/AutoTopUp: Credits -> Credits/AutoTopUp (BillingPortal/Features/Credits/CreditsPage.razor); "
                      + "Credits/AutoTopUp -> Credits (BillingPortal/Features/Credits/AutoTopUp/AutoTopUpCard.razor.cs)"], cycles);
    }

    [Fact]
    public void TheGraph_NamesACycle_BetweenSiblingSubfolders_ThroughANameRelativeToTheFeature()
    {
        var cycles = FeatureGraph.From([
            ("BillingPortal/Features/Payments/Return/ReturnPage.razor.cs", "namespace BillingPortal.Features.Payments.Return;\nclass P { void M() => Checkout.LocalCheckout.Open(); }"),
            ("BillingPortal/Features/Payments/Checkout/LocalCheckout.cs", "using BillingPortal.Features.Payments.Return;\nnamespace BillingPortal.Features.Payments.Checkout;"),
        ]).Cycles();

        Assert.StartsWith("Payments/Checkout <-> Payments/Return: ", Assert.Single(cycles));
    }

    [Fact]
    public void TheGraph_LetsOneWayUse_CommentsAndHiddenNames_Be()
    {
        var graph = FeatureGraph.From([
            // The checkout uses the fulfilment by its simple name; the fulfilment never names the checkout.
            ("BillingPortal/Features/Payments/PaymentFulfilment.cs", "using BillingPortal.Features.Payments.Gateway;\nnamespace BillingPortal.Features.Payments;\n\npublic sealed class PaymentFulfilment(IPaymentGateway g);"),
            ("BillingPortal/Features/Payments/Checkout/LocalCheckout.cs", "namespace BillingPortal.Features.Payments.Checkout;\n\nsealed class LocalCheckout(PaymentFulfilment f);\n// Mentions MyFeatures.Return only in passing."),
            // A comment naming the fulfilment is not a use of it (its crefs are).
            ("BillingPortal/Features/Payments/Gateway/IPaymentGateway.cs", "namespace BillingPortal.Features.Payments.Gateway;\n\n/// Confirmations go through <c>PaymentFulfilment</c>.\npublic interface IPaymentGateway; // not PaymentFulfilment\n/* PaymentFulfilment */"),
            // AutoTopUp's own Settings hides the Settings of Credits.
            ("BillingPortal/Features/Credits/Settings.cs", "using BillingPortal.Features.Credits.AutoTopUp;\nnamespace BillingPortal.Features.Credits;\n\npublic sealed record Settings(Runner R);"),
            ("BillingPortal/Features/Credits/AutoTopUp/Runner.cs", "namespace BillingPortal.Features.Credits.AutoTopUp;\n\npublic sealed class Runner(Settings s);\ninternal sealed record Settings;"),
        ]);

        Assert.Empty(graph.Cycles());
        Assert.Equal(["Credits -> Credits/AutoTopUp", "Payments -> Payments/Gateway", "Payments/Checkout -> Payments"], graph.Edges());
    }

    private static FeatureGraph SourceGraph()
    {
        var root = SolutionRoot();
        var features = Path.Combine(root, "BillingPortal", "Features");
        var files = Directory.EnumerateFiles(features, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => (Path: Path.GetRelativePath(root, f).Replace('\\', '/'), Source: File.ReadAllText(f)))
            .Where(f => !f.Path.Contains("/bin/", StringComparison.Ordinal) && !f.Path.Contains("/obj/", StringComparison.Ordinal));
        return FeatureGraph.From(files);
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
