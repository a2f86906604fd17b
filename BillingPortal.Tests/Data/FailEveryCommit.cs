using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BillingPortal.Tests.Data;

/// <summary>Throws just before every commit: whatever the transaction wrote is rolled back.</summary>
internal sealed class FailEveryCommit : DbTransactionInterceptor
{
    public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        throw new IOException("Injected fault at commit.");
}
