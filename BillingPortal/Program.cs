using BillingPortal.Components;
using BillingPortal.Components.Account;
using BillingPortal.Features.Workspaces;
using BillingPortal.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddBillingUi();
builder.AddBillingData();
builder.AddBillingSecurity();
builder.AddFeatures();

var app = builder.Build();

app.UseBillingErrorPages();
// After the error pages, so a refused page request (403) re-executes into the access-denied page.
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();
app.MapWorkspaceEndpoints();

app.Run();

public partial class Program;
