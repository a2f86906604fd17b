using BillingPortal.Domain;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BillingPortal.Data.Configurations;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<Workspace>().WithMany().HasForeignKey(p => p.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        // A double click or resubmitted form finds the payment its key already made.
        builder.HasIndex(p => new { p.WorkspaceId, p.RequestKey }).IsUnique();
        // The charge history, newest first.
        builder.HasIndex(p => new { p.WorkspaceId, p.CreatedAt });
        // Webhooks find the payment by whichever provider id they carry.
        builder.HasIndex(p => p.CheckoutId);
        builder.HasIndex(p => p.ProviderPaymentId);
        builder.HasIndex(p => p.ProviderChargeId);
        builder.HasIndex(p => p.InvoiceId);
        builder.Property(p => p.RequestKey).HasMaxLength(200);
        builder.Property(p => p.Description).HasMaxLength(300);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.CheckoutId).HasMaxLength(255);
        builder.Property(p => p.CheckoutUrl).HasMaxLength(2000);
        builder.Property(p => p.ProviderPaymentId).HasMaxLength(255);
        builder.Property(p => p.ProviderChargeId).HasMaxLength(255);
        builder.Property(p => p.CardDescription).HasMaxLength(100);
        builder.Property(p => p.FailureCode).HasMaxLength(100);
        builder.Property(p => p.FailureMessage).HasMaxLength(500);
        builder.Property(p => p.CreatedByUserId).HasMaxLength(450);
    }
}

internal sealed class PaymentMethodConfiguration : IEntityTypeConfiguration<PaymentMethod>
{
    public void Configure(EntityTypeBuilder<PaymentMethod> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasOne<Workspace>().WithMany().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.WorkspaceId);
        builder.HasIndex(m => new { m.Provider, m.ProviderMethodId }).IsUnique();
        builder.Property(m => m.ProviderMethodId).HasMaxLength(255);
        builder.Property(m => m.Brand).HasMaxLength(32);
        builder.Property(m => m.Last4).HasMaxLength(4);
        builder.Ignore(m => m.Display);
    }
}

internal sealed class CardSetupConfiguration : IEntityTypeConfiguration<CardSetup>
{
    public void Configure(EntityTypeBuilder<CardSetup> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.CheckoutId);
        builder.Property(s => s.CheckoutId).HasMaxLength(255);
        builder.Property(s => s.CheckoutUrl).HasMaxLength(2000);
        builder.Property(s => s.CreatedByUserId).HasMaxLength(450);
    }
}

internal sealed class PaymentCustomerConfiguration : IEntityTypeConfiguration<PaymentCustomer>
{
    public void Configure(EntityTypeBuilder<PaymentCustomer> builder)
    {
        builder.HasKey(c => new { c.WorkspaceId, c.Provider });
        builder.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.Provider, c.CustomerId }).IsUnique();
        builder.Property(c => c.CustomerId).HasMaxLength(255);
    }
}

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.HasKey(e => new { e.Provider, e.EventId });
        builder.Property(e => e.EventId).HasMaxLength(255);
        builder.Property(e => e.Type).HasMaxLength(100);
        builder.Property(e => e.Outcome).HasMaxLength(300);
    }
}

internal sealed class LocalCardConfiguration : IEntityTypeConfiguration<LocalCard>
{
    public void Configure(EntityTypeBuilder<LocalCard> builder)
    {
        builder.HasKey(c => c.Token);
        builder.Property(c => c.Token).HasMaxLength(64);
    }
}

internal sealed class CreditSettingsConfiguration : IEntityTypeConfiguration<CreditSettings>
{
    public void Configure(EntityTypeBuilder<CreditSettings> builder)
    {
        builder.HasKey(s => s.WorkspaceId);
        builder.HasOne<Workspace>().WithOne().HasForeignKey<CreditSettings>(s => s.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.AutoTopUpPauseReason).HasMaxLength(300);
        builder.Property(s => s.UpdatedByUserId).HasMaxLength(450);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.HasOne<Workspace>().WithMany().HasForeignKey(n => n.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        // One notification per event or crossing per person; also serves "my notifications here, newest first".
        builder.HasIndex(n => new { n.UserId, n.WorkspaceId, n.DedupeKey }).IsUnique();
        builder.HasIndex(n => new { n.UserId, n.WorkspaceId, n.Id });
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.Type).HasMaxLength(64);
        builder.Property(n => n.DedupeKey).HasMaxLength(200);
        builder.Property(n => n.Title).HasMaxLength(200);
        builder.Property(n => n.Message).HasMaxLength(1000);
        builder.Property(n => n.Link).HasMaxLength(300);
    }
}
