using BackOffice.Core.Data;
using BackOffice.Core.Exports;
using BackOffice.Core.Identity;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Staff;

/// <summary>Writes, searches and exports the security log. Only administrators read it.</summary>
public sealed class SecurityLog(IDbContextFactory<BackOfficeDbContext> dbFactory, TimeProvider clock)
{
    public const int PageSize = 100;

    public static readonly string[] Header = ["id", "at", "event", "actor", "account", "client_ip", "details"];

    /// <summary>Appends one event. Never throws for a logging failure's sake: the caller's action already happened.</summary>
    public async Task RecordAsync(string kind, Actor? actor = null, string? userId = null, string? userEmail = null,
        string? clientIp = null, string details = "")
    {
        // Not the caller's token: a cancelled request still leaves its trace.
        await using var db = await dbFactory.CreateDbContextAsync();
        db.SecurityLog.Add(new SecurityEvent
        {
            At = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime),
            Kind = kind,
            ActorId = actor?.Id,
            ActorName = actor is null ? null : PlainText.Cut(actor.Name, 256),
            UserId = userId,
            UserEmail = userEmail is null ? null : PlainText.Cut(PlainText.WithoutControlCharacters(userEmail), 256),
            ClientIp = clientIp is null ? null : PlainText.Cut(clientIp, 64),
            Details = PlainText.Cut(PlainText.WithoutControlCharacters(details), 500),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Newest first, a page at a time: <paramref name="olderThan"/> is the last id of the previous page.</summary>
    public async Task<ServiceResult<IReadOnlyList<SecurityEvent>>> SearchAsync(SecurityLogQuery query, Actor actor,
        long? olderThan = null, int limit = PageSize, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Admin))
            return ServiceResult<IReadOnlyList<SecurityEvent>>.Forbidden("Only administrators can read the security log.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var events = Filter(db, query);
        if (olderThan is { } before) events = events.Where(e => e.Id < before);
        var page = await events.OrderByDescending(e => e.Id).Take(limit).ToListAsync(ct);
        return ServiceResult<IReadOnlyList<SecurityEvent>>.Ok(page);
    }

    /// <summary>The filtered log as CSV (newest first), streamed in batches; the export itself is logged first.</summary>
    public async Task<ServiceResult<long>> ExportCsvAsync(SecurityLogQuery query, Stream output, Actor actor,
        string? clientIp = null, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Admin))
            return ServiceResult<long>.Forbidden("Only administrators can export the security log.");
        await RecordAsync(SecurityEventKinds.ExportStarted, actor, clientIp: clientIp, details: "security log: " + Describe(query));

        await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);
        await csv.WriteRecordAsync(Header, ct);
        long rows = 0;
        long? last = null;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var events = Filter(db, query);
            if (last is { } before) events = events.Where(e => e.Id < before);
            var batch = await events.OrderByDescending(e => e.Id).Take(1000).ToListAsync(ct);
            foreach (var e in batch)
            {
                // Formula-safe like the customer export: names and emails are typed by people.
                await csv.WriteRecordAsync(
                [
                    e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Timestamps.ToRfc3339(e.At), e.Kind,
                    CustomerExportService.FreeText(e.ActorName), CustomerExportService.FreeText(e.UserEmail),
                    CustomerExportService.FreeText(e.ClientIp), CustomerExportService.FreeText(e.Details),
                ], ct);
            }
            await csv.FlushAsync(ct);
            rows += batch.Count;
            if (batch.Count < 1000) break;
            last = batch[^1].Id;
        }
        return ServiceResult<long>.Ok(rows);
    }

    private static IQueryable<SecurityEvent> Filter(BackOfficeDbContext db, SecurityLogQuery query)
    {
        var events = db.SecurityLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Kind)) events = events.Where(e => e.Kind == query.Kind);
        if (query.From is { } from) events = events.Where(e => e.At >= from);
        if (query.To is { } to) events = events.Where(e => e.At < to);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = PlainText.WithoutControlCharacters(query.Search).Trim().ToLowerInvariant();
            events = events.Where(e => (e.UserEmail != null && e.UserEmail.ToLower().StartsWith(text))
                || (e.ActorName != null && e.ActorName.ToLower().StartsWith(text)));
        }
        return events;
    }

    public static string Describe(SecurityLogQuery query)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(query.Kind)) parts.Add($"event={query.Kind}");
        if (!string.IsNullOrWhiteSpace(query.Search)) parts.Add($"search={PlainText.WithoutControlCharacters(query.Search).Trim()}");
        if (query.From is { } from) parts.Add($"from={Timestamps.ToRfc3339(from)}");
        if (query.To is { } to) parts.Add($"to={Timestamps.ToRfc3339(to)}");
        return parts.Count == 0 ? "everything" : string.Join("; ", parts);
    }
}
