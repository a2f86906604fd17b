using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BillingPortal.Data;

/// <summary>
/// Query shapes EF only warns about but that are bugs here: a page or a capped count taken without an order returns
/// whatever rows the engine meets first, which differs between engines and between runs. Outside Production they
/// throw, so a test that runs the query fails; in Production they stay a logged warning.
/// </summary>
public static class QueryWarnings
{
    public static TBuilder Strict<TBuilder>(this TBuilder options) where TBuilder : DbContextOptionsBuilder
    {
        options.ConfigureWarnings(w => w.Throw(CoreEventId.RowLimitingOperationWithoutOrderByWarning));
        return options;
    }
}
