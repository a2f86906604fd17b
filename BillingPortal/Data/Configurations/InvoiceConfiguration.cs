using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingPortal.Data.Configurations;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.HasOne<Workspace>().WithMany().HasForeignKey(i => i.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        // Gapless and never reused across workspaces.
        builder.HasIndex(i => i.Number).IsUnique();
        // A rerun of a period's rollover (or a replayed upgrade) finds the invoice it already issued.
        builder.HasIndex(i => new { i.WorkspaceId, i.IdempotencyKey }).IsUnique();
        // The invoices page, newest first; the collector's scan of unpaid invoices.
        builder.HasIndex(i => new { i.WorkspaceId, i.IssuedAt });
        builder.HasIndex(i => new { i.Status, i.NextPaymentAttemptAt });
        builder.Property(i => i.IdempotencyKey).HasMaxLength(200);
        builder.Property(i => i.PlanCode).HasMaxLength(32);
        builder.Property(i => i.Currency).HasMaxLength(3);
        builder.Property(i => i.CustomerName).HasMaxLength(200);
        builder.Property(i => i.CustomerEmail).HasMaxLength(256);
        builder.Property(i => i.CustomerAddress).HasMaxLength(1000);
        builder.Property(i => i.CustomerTaxId).HasMaxLength(100);
        builder.Property(i => i.StripeInvoiceId).HasMaxLength(255);
        builder.Property(i => i.StripePdfUrl).HasMaxLength(2000);
        builder.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(i => i.DisplayNumber);
        builder.Ignore(i => i.IsPayable);
        builder.Ignore(i => i.CustomerAddressLines);
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> builder)
    {
        builder.HasIndex(l => new { l.InvoiceId, l.Position }).IsUnique();
        builder.Property(l => l.Description).HasMaxLength(300);
        builder.Ignore(l => l.CountsTowardTotal);
    }
}

internal sealed class InvoiceNumberCounterConfiguration : IEntityTypeConfiguration<InvoiceNumberCounter>
{
    public void Configure(EntityTypeBuilder<InvoiceNumberCounter> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasData(new InvoiceNumberCounter { Id = InvoiceNumberCounter.SingletonId, LastNumber = 0 });
    }
}

internal sealed class SalesInquiryConfiguration : IEntityTypeConfiguration<SalesInquiry>
{
    public void Configure(EntityTypeBuilder<SalesInquiry> builder)
    {
        builder.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.WorkspaceId, s.CreatedAt });
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Email).HasMaxLength(256);
        builder.Property(s => s.Company).HasMaxLength(200);
        builder.Property(s => s.Message).HasMaxLength(2000);
    }
}
