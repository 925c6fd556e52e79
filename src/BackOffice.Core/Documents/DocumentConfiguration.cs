using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Core.Documents;

public sealed class CustomerDocumentConfiguration : IEntityTypeConfiguration<CustomerDocument>
{
    public void Configure(EntityTypeBuilder<CustomerDocument> document)
    {
        document.ToTable("customer_documents");
        document.HasKey(d => d.Id);
        document.Property(d => d.ContentType).HasMaxLength(50);
        document.Property(d => d.Sha256).HasMaxLength(64);
        document.Property(d => d.FileName).HasMaxLength(FieldLimits.FileName);
        document.Property(d => d.RejectionReason).HasMaxLength(FieldLimits.Reason);
        document.Property(d => d.UploadedById).HasMaxLength(450);
        document.Property(d => d.UploadedByName).HasMaxLength(256);
        document.Property(d => d.ReviewedByName).HasMaxLength(256);
        document.Property(d => d.Version).IsConcurrencyToken();
        document.HasOne<Customers.Customer>().WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
        // The same file twice on one customer is refused by the database too, whatever races the check.
        document.HasIndex(d => new { d.CustomerId, d.Sha256 }).IsUnique();
        document.HasIndex(d => new { d.CustomerId, d.CreatedAt });
    }
}

public sealed class DocumentRequestConfiguration : IEntityTypeConfiguration<DocumentRequest>
{
    public void Configure(EntityTypeBuilder<DocumentRequest> request)
    {
        request.ToTable("document_requests");
        request.HasKey(r => r.Id);
        request.Property(r => r.Kinds).HasMaxLength(200);
        request.Property(r => r.Message).HasMaxLength(FieldLimits.Reason);
        request.Property(r => r.RequestedById).HasMaxLength(450);
        request.Property(r => r.RequestedByName).HasMaxLength(256);
        request.HasOne<Customers.Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        request.HasIndex(r => new { r.CustomerId, r.FulfilledAt });
    }
}

public sealed class DocumentContentConfiguration : IEntityTypeConfiguration<DocumentContent>
{
    public void Configure(EntityTypeBuilder<DocumentContent> content)
    {
        content.ToTable("document_contents");
        content.HasKey(c => c.DocumentId);
        content.HasOne<CustomerDocument>().WithOne().HasForeignKey<DocumentContent>(c => c.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}
