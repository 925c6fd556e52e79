using BackOffice.Core.Customers;
using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Import;

public sealed partial class CustomerImportService
{
    /// <summary>
    /// Creates the preview's valid rows, <see cref="ImportLimits.ChunkSize"/> at a time (one transaction each), reporting
    /// after each chunk. Refused when the file was imported before or is being imported now. Each customer is validated,
    /// email-checked, screened and audited ("imported from customers.csv by Ada Agent") by the customer service; a row it
    /// refuses now (an email taken since the preview) joins the rejected rows.
    /// </summary>
    public async Task<ServiceResult<ImportOutcome>> ImportAsync(ImportPreview preview, Actor actor, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        if (!MayImport(actor)) return ServiceResult<ImportOutcome>.Forbidden(Forbidden);

        var started = await StartAsync(preview, actor, ct);
        if (started.Value is not { } import)
            return ServiceResult<ImportOutcome>.Conflict(started.Message!, code: AlreadyImportedCode);

        var source = Source(preview.FileName, actor.Name);
        var created = new List<ImportedCustomer>(preview.Valid.Count);
        var rejected = new List<RejectedRow>(preview.Rejected);
        var finished = false;
        try
        {
            progress?.Report(new ImportProgress(0, preview.Valid.Count, 0));
            var done = 0;
            foreach (var chunk in preview.Valid.Chunk(ImportLimits.ChunkSize))
            {
                IReadOnlyList<ServiceResult<Customer>?> results;
                try { results = await customers.CreateManyAsync(chunk.Select(r => new CustomerToCreate(r.Customer, actor, Source: source)).ToList(), ct); }
                catch (PartlyCommittedException partly)
                {
                    Record(chunk, partly.Results); // the import stops, but what was committed is on its record
                    throw;
                }
                Record(chunk, results);
                done += chunk.Length;
                progress?.Report(new ImportProgress(done, preview.Valid.Count, created.Count));
            }
            finished = true;
        }
        finally
        {
            // Recorded however the import ended; not with the caller's token, so that a cancelled import is on record as stopped.
            await FinishAsync(import.Id, finished, created.Count, rejected.Count);
        }
        return ServiceResult<ImportOutcome>.Ok(new ImportOutcome(preview.FileName, created, rejected.OrderBy(r => r.Line).ToList()));

        void Record(ImportRow[] chunk, IReadOnlyList<ServiceResult<Customer>?> results)
        {
            for (var i = 0; i < chunk.Length; i++)
            {
                if (results[i] is not { } result) continue; // it threw: neither created nor refused
                if (result.Value is { } customer) created.Add(new ImportedCustomer(customer.Id, customer.FullName, chunk[i].Row.Line));
                else rejected.Add(new RejectedRow(chunk[i].Row, Reasons(result)));
            }
        }
    }

    /// <summary>"imported from customers.csv by Ada Agent", the file's name shortened if the whole would not fit the audit's detail.</summary>
    internal static string Source(string fileName, string actorName)
    {
        var room = FieldLimits.AuditDetail - "imported from … by ".Length - actorName.Length;
        var name = fileName.Length <= room ? fileName : PlainText.Cut(fileName, Math.Max(room, 10)) + "…";
        return PlainText.Cut($"imported from {name} by {actorName}", FieldLimits.AuditDetail);
    }

    private static IReadOnlyList<string> Reasons<T>(ServiceResult<T> result) =>
        result.Errors.Count > 0
            ? result.Errors.SelectMany(e => e.Value.Select(m => $"{ImportColumns.ForProperty(e.Key)}: {m}")).ToList()
            : [result.Message ?? "was refused"];

    /// <summary>Records the import as running, or says why this file may not be imported now.</summary>
    private async Task<ServiceResult<CustomerImport>> StartAsync(ImportPreview preview, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var previous = await db.CustomerImports.AsNoTracking().FirstOrDefaultAsync(i => i.Sha256 == preview.Sha256, ct);
        if (previous is not null)
        {
            if (previous.Holds(now)) return ServiceResult<CustomerImport>.Conflict(Describe(previous));
            // A stopped import is taken over. The condition on its status and start makes one of two takers lose.
            var taken = await db.CustomerImports
                .Where(i => i.Id == previous.Id && i.Status == previous.Status && i.StartedAt == previous.StartedAt)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(i => i.Status, CustomerImport.Running)
                    .SetProperty(i => i.StartedAt, now)
                    .SetProperty(i => i.FinishedAt, (DateTime?)null)
                    .SetProperty(i => i.FileName, preview.FileName)
                    .SetProperty(i => i.ActorId, actor.Id)
                    .SetProperty(i => i.ActorName, actor.Name)
                    .SetProperty(i => i.Rows, preview.Rows), ct);
            if (taken == 0) return await AlreadyStartedAsync(preview.Sha256, ct);
            return ServiceResult<CustomerImport>.Ok(previous);
        }

        var import = new CustomerImport
        {
            Id = Guid.CreateVersion7(now),
            Sha256 = preview.Sha256,
            FileName = preview.FileName,
            ActorId = actor.Id,
            ActorName = actor.Name,
            StartedAt = now,
            Status = CustomerImport.Running,
            Rows = preview.Rows,
        };
        db.CustomerImports.Add(import);
        try
        {
            await db.SaveChangesAsync(ct);
            return ServiceResult<CustomerImport>.Ok(import);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Someone started the same file between our look and our insert.
            return await AlreadyStartedAsync(preview.Sha256, ct);
        }
    }

    private async Task<ServiceResult<CustomerImport>> AlreadyStartedAsync(string sha256, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var holder = await db.CustomerImports.AsNoTracking().FirstAsync(i => i.Sha256 == sha256, ct);
        return ServiceResult<CustomerImport>.Conflict(Describe(holder));
    }

    private async Task FinishAsync(Guid id, bool completed, int created, int rejected)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.CustomerImports.Where(i => i.Id == id).ExecuteUpdateAsync(set => set
            .SetProperty(i => i.Status, completed ? CustomerImport.Completed : CustomerImport.Stopped)
            .SetProperty(i => i.FinishedAt, clock.GetUtcNow().UtcDateTime)
            .SetProperty(i => i.Created, i => i.Created + created)
            .SetProperty(i => i.Rejected, rejected));
    }
}
