using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingPortal.Data.Configurations;

internal sealed class WorkerLeaseConfiguration : IEntityTypeConfiguration<WorkerLease>
{
    public void Configure(EntityTypeBuilder<WorkerLease> builder)
    {
        // One row per job: the primary key is what makes two instances inserting the first lease collide.
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(WorkerLease.NameMaxLength);
        builder.Property(l => l.Holder).HasMaxLength(WorkerLease.HolderMaxLength);
    }
}
