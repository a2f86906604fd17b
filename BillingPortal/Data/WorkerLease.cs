namespace BillingPortal.Data;

/// <summary>
/// Which app instance runs a background job (<see cref="Name"/>) until <see cref="ExpiresAt"/>. The holder renews it
/// on each of its sweeps; when it stops renewing (it died, or lost the database), another instance takes it over.
/// </summary>
public sealed class WorkerLease
{
    public const int NameMaxLength = 64;
    public const int HolderMaxLength = 200;

    public required string Name { get; init; }
    public required string Holder { get; set; }
    public DateTime ExpiresAt { get; set; }
}
