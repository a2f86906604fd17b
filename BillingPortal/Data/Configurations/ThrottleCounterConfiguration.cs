using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingPortal.Data.Configurations;

internal sealed class ThrottleCounterConfiguration : IEntityTypeConfiguration<ThrottleCounter>
{
    public void Configure(EntityTypeBuilder<ThrottleCounter> builder)
    {
        // One row per key: the primary key makes two instances inserting a key's first failure collide.
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(ThrottleCounter.KeyLength).IsUnicode(false);
        // Rows whose failures have all been earned back are swept by this.
        builder.HasIndex(c => c.ClearsAt);
    }
}
