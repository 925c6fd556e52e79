using BackOffice.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Core.Notes;

/// <summary>
/// An internal note on a customer: why a case waits, what a phone call said. Staff only (never in the API), and
/// append-only like the audit trail: a note is never edited or deleted, a correction is another note.
/// </summary>
public sealed class CustomerNote
{
    public long Id { get; init; }
    public Guid CustomerId { get; init; }
    public required string Text { get; init; }
    public required string AuthorId { get; init; }
    public required string AuthorName { get; init; }
    public DateTime At { get; init; }
}

public sealed class CustomerNoteConfiguration : IEntityTypeConfiguration<CustomerNote>
{
    public void Configure(EntityTypeBuilder<CustomerNote> note)
    {
        note.ToTable("customer_notes");
        note.HasKey(n => n.Id);
        note.Property(n => n.Text).HasMaxLength(FieldLimits.Note).IsRequired();
        note.Property(n => n.AuthorId).HasMaxLength(450).IsRequired();
        note.Property(n => n.AuthorName).HasMaxLength(256).IsRequired();
        note.HasOne<Customer>().WithMany().HasForeignKey(n => n.CustomerId).OnDelete(DeleteBehavior.Restrict);
        note.HasIndex(n => new { n.CustomerId, n.Id });
    }
}
