using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackOffice.Core.Exports;

/// <summary>
/// Who exported which customers, and how many: exports carry personal data out of the system, so each one is
/// recorded, twice: a "started" row before the first byte leaves, and a "completed" or "stopped" row at the end
/// with the row count. Append-only, like the customer audit trail.
/// </summary>
public sealed class DataExportAuditEntry
{
    public const string Started = "started";
    public const string CompletedEvent = "completed";
    public const string Stopped = "stopped";

    public long Id { get; init; }
    /// <summary>Ties the rows of one export together.</summary>
    public Guid ExportId { get; init; }
    /// <summary><see cref="Started"/>, <see cref="CompletedEvent"/> or <see cref="Stopped"/>.</summary>
    public required string Event { get; init; }
    public required string ActorId { get; init; }
    public required string ActorName { get; init; }
    public DateTime At { get; init; }
    /// <summary>The filter and search as the list showed them, e.g. "status=pending_kyc; search=ada".</summary>
    public required string Filter { get; init; }
    /// <summary>Rows written so far: 0 when started.</summary>
    public long RowCount { get; init; }
    /// <summary>True on the row of an export that wrote every matching customer.</summary>
    public bool Completed => Event == CompletedEvent;
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
        entry.Property(e => e.Event).HasMaxLength(20).IsRequired();
        entry.Ignore(e => e.Completed);
        entry.HasIndex(e => e.ExportId);
        entry.HasIndex(e => e.At);
    }
}
