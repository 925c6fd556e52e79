using BackOffice.Core.Customers;
using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using BackOffice.Core.Staff;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Exports;

/// <summary>
/// Exports exactly the customers a list filter and search select, as CSV, streamed in keyset batches so that
/// a million rows never sit in memory. Only Manager, Compliance and Admin may export; every export is audited.
/// </summary>
public sealed class CustomerExportService(IDbContextFactory<BackOfficeDbContext> dbFactory, TimeProvider clock, SecurityLog securityLog)
{
    public const int DefaultBatchSize = 1000;

    public static readonly string[] Header =
    [
        "id", "status", "created_at", "first_name", "last_name", "email", "phone", "type",
        "billing_line1", "billing_line2", "billing_city", "billing_state", "billing_zip_code", "billing_country", "created_by",
    ];

    /// <summary>Writes the CSV to <paramref name="output"/>; <paramref name="progress"/> hears the running row count after each batch.</summary>
    public async Task<ServiceResult<long>> ExportCsvAsync(CustomerListQuery filter, Stream output, Actor actor,
        Action<long>? progress = null, CancellationToken ct = default, int batchSize = DefaultBatchSize)
    {
        if (!actor.CanExportCustomers)
            return ServiceResult<long>.Forbidden("Exports contain personal data: only managers, compliance officers and administrators may export.");

        long rows = 0;
        var completed = false;
        var exportId = Guid.CreateVersion7();
        // Recorded before the first byte leaves, so that even an export cut short by a crash is on record.
        await AuditAsync(exportId, DataExportAuditEntry.Started, actor, filter, 0);
        await securityLog.RecordAsync(SecurityEventKinds.ExportStarted, actor, details: "customers: " + Describe(filter));
        try
        {
            // UTF-8 with a byte-order mark, so that spreadsheet programs read non-Latin names correctly.
            await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);
            await csv.WriteRecordAsync(Header, ct);

            Customer? last = null;
            while (true)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var customers = CustomerService.Filter(db, filter);
                if (last is not null) customers = CustomerService.OlderThan(customers, last.CreatedAt, last.Id);
                var batch = await CustomerService.NewestFirst(customers).Take(batchSize).ToListAsync(ct);
                foreach (var customer in batch) await csv.WriteRecordAsync(Fields(customer), ct);
                await csv.FlushAsync(ct);
                rows += batch.Count;
                progress?.Invoke(rows);
                if (batch.Count < batchSize) break;
                last = batch[^1];
            }
            completed = true;
            return ServiceResult<long>.Ok(rows);
        }
        finally
        {
            await AuditAsync(exportId, completed ? DataExportAuditEntry.CompletedEvent : DataExportAuditEntry.Stopped, actor, filter, rows);
        }
    }

    private static string[] Fields(Customer c) =>
    [
        c.Id.ToString(),
        c.Status.ToWire(),
        Timestamps.ToRfc3339(c.CreatedAt),
        FreeText(c.FirstName),
        FreeText(c.LastName),
        FreeText(c.Email),
        c.Phone,
        c.Type.ToWire(),
        FreeText(c.BillingAddress.Line1),
        FreeText(c.BillingAddress.Line2),
        FreeText(c.BillingAddress.City),
        FreeText(c.BillingAddress.State),
        FreeText(c.BillingAddress.ZipCode),
        c.BillingAddress.Country,
        FreeText(c.CreatedByName),
    ];

    /// <summary>
    /// Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe: names may start
    /// with a hyphen and an email's local part may start with "=". Only the E.164 phone ("+" and digits, which a
    /// spreadsheet reads as a number, not a command) and our own codes are written as they are.
    /// </summary>
    internal static string FreeText(string? value) => SpreadsheetFormulas.Defuse(value);

    private async Task AuditAsync(Guid exportId, string @event, Actor actor, CustomerListQuery filter, long rows)
    {
        // Not the caller's token: a cancelled download is still recorded.
        await using var db = await dbFactory.CreateDbContextAsync();
        db.DataExportAudit.Add(new DataExportAuditEntry
        {
            ExportId = exportId,
            Event = @event,
            ActorId = actor.Id,
            ActorName = actor.Name,
            At = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime),
            Filter = Describe(filter),
            RowCount = rows,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>The filter in words for the audit trail: "status=pending_kyc; search=ada".</summary>
    public static string Describe(CustomerListQuery filter)
    {
        var parts = new List<string>();
        if (filter.Status is { } status) parts.Add($"status={status.ToWire()}");
        if (!string.IsNullOrWhiteSpace(filter.Search)) parts.Add($"search={PlainText.WithoutControlCharacters(filter.Search).Trim()}");
        if (filter.CreatedAfter is { } after) parts.Add($"created_after={Timestamps.ToRfc3339(after)}");
        if (filter.CreatedBefore is { } before) parts.Add($"created_before={Timestamps.ToRfc3339(before)}");
        var text = parts.Count == 0 ? "all customers" : string.Join("; ", parts);
        return PlainText.Cut(text, 500);
    }
}
