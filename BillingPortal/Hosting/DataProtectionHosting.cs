using BillingPortal.Data;
using Microsoft.AspNetCore.DataProtection;

namespace BillingPortal.Hosting;

public static class DataProtectionHosting
{
    /// <summary>
    /// The keys that protect sign-in cookies, antiforgery tokens and the known-device cookie live in the billing
    /// database (the DataProtectionKeys table), under one application name, so every instance of the app reads and
    /// honours what another issued, whatever folder it runs from. The keys are stored unencrypted, as the database's
    /// other secrets: guard the database (docs/scaling.md).
    /// </summary>
    public static WebApplicationBuilder AddSharedDataProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection()
            .SetApplicationName("BillingPortal")
            .PersistKeysToDbContext<BillingDbContext>();
        return builder;
    }
}
