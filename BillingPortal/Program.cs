using BillingPortal.Components;
using BillingPortal.Components.Account;
using BillingPortal.Features.Activity;
using BillingPortal.Features.BillingApi;
using BillingPortal.Features.Budgets.Api;
using BillingPortal.Features.Credits;
using BillingPortal.Features.Invoices;
using BillingPortal.Features.Mcp;
using BillingPortal.Features.Metering;
using BillingPortal.Features.Overview;
using BillingPortal.Features.Payments.Receipts;
using BillingPortal.Features.Payments.Webhooks;
using BillingPortal.Features.Usage;
using BillingPortal.Features.Workspaces;
using BillingPortal.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddBillingUi();
builder.AddBillingData();
builder.AddSharedDataProtection();
builder.AddBillingSecurity();
builder.AddFeatures();
builder.AddPayments();
builder.AddRateLimits();
builder.AddRequestBodyLimits();
builder.AddForwardedHeaders();
builder.AddBillingMcp();

var app = builder.Build();

app.UseForwardedHeadersWhenEnabled();
app.UseSecurityHeaders();
app.UseBillingErrorPages();
app.UseBillingLocalization();
// After the error pages, so a refused page is re-executed as the access-denied page with its 403.
app.UseRouting();
app.UseRequestBodyLimits();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimits();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(CircuitEndpointHosting.Configure);
app.MapAdditionalIdentityEndpoints();
app.MapWorkspaceEndpoints();
app.MapOverviewEndpoints();
app.MapUsageEndpoints();
app.MapMeteringEndpoints();
app.MapCreditEndpoints();
app.MapInvoiceEndpoints();
app.MapReceiptEndpoints();
app.MapActivityEndpoints();
app.MapBillingApiEndpoints();
app.MapBudgetApiEndpoints();
app.MapBillingMcp();
app.MapStripeWebhooks();
app.MapOpenApi();

app.Run();

public partial class Program;
