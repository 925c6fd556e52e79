using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Core.Exports;

/// <summary>
/// Who exported which customers, and how many: exports carry personal data out of the system, so each one is
/// recorded. Append-only, like the customer audit trail.
/// </summary>
public sealed class DataExportAuditEntry
{
    public long Id { get; init; }
    public required string ActorId { get; init; }
    public required string ActorName { get; init; }
    public DateTime At { get; init; }
    /// <summary>The filter and search as the list showed them, e.g. "status=pending_kyc; search=ada".</summary>
    public required string Filter { get; init; }
    public long RowCount { get; init; }
    /// <summary>False when the export stopped part-way (the download was cancelled or failed).</summary>
    public bool Completed { get; init; }
}

public sealed class DataExportAuditEntryConfiguration : IEntityTypeConfiguration<DataExportAuditEntry>
{
    public void Configure(EntityTypeBuilder<DataExportAuditEntry> entry)
    {
        entry.ToTable("data_export_audit");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.ActorId).HasMaxLength(450).IsRequired();
        entry.Property(e => e.ActorName).HasMaxLength(256).IsRequired();
        entry.Property(e => e.Filter).HasMaxLength(500).IsRequired();
        entry.HasIndex(e => e.At);
    }
}
