using BillingPortal.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingPortal.Data.Configurations;

internal sealed class WalletConfiguration : IEntityTypeConfiguration<Wallet>
{
    public void Configure(EntityTypeBuilder<Wallet> builder) => builder.HasKey(w => w.WorkspaceId);
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.HasOne<Workspace>().WithMany().HasForeignKey(e => e.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        // Replays are recognised by this index; it also serves "this workspace's entries in order".
        builder.HasIndex(e => new { e.WorkspaceId, e.IdempotencyKey }).IsUnique();
        builder.HasIndex(e => new { e.WorkspaceId, e.Id });
        // The ledger is read newest first by when each entry happened (LedgerOrder).
        builder.HasIndex(e => new { e.WorkspaceId, e.CreatedAt, e.Id });
        builder.HasIndex(e => new { e.WorkspaceId, e.Type, e.CreatedAt });
        builder.Property(e => e.IdempotencyKey).HasMaxLength(200);
        builder.Property(e => e.Reference).HasMaxLength(200);
        builder.Property(e => e.Description).HasMaxLength(300);
        builder.Property(e => e.CreatedByUserId).HasMaxLength(450);
        builder.Ignore(e => e.TotalDeltaMicros);
    }
}
