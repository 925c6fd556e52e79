using BackOffice.Core.Customers;
using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Notes;

/// <summary>Writing and reading a customer's internal notes. Any signed-in staff role may write; partners never reach here.</summary>
public sealed class CustomerNoteService(IDbContextFactory<BackOfficeDbContext> dbFactory, TimeProvider clock, ICustomerChanges changes)
{
    public const string NoteAdded = "note_added";

    public async Task<ServiceResult<CustomerNote>> AddAsync(Guid customerId, string? text, Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanWriteNotes) return ServiceResult<CustomerNote>.Forbidden("Internal notes are for back-office staff.");
        text = text?.Trim();
        string? error = string.IsNullOrEmpty(text) ? "is required"
            : text.Length > FieldLimits.Note ? $"must be at most {FieldLimits.Note} characters (it has {text.Length})"
            : PlainText.HasControlCharacters(text, allowLineBreaks: true) ? PlainText.ControlCharactersMessage
            : null;
        if (error is not null)
            return ServiceResult<CustomerNote>.Invalid(new Dictionary<string, string[]> { ["Text"] = [error] }, $"The note {error}.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var status = await db.Customers.Where(c => c.Id == customerId).Select(c => (CustomerStatus?)c.Status).FirstOrDefaultAsync(ct);
        if (status is null) return ServiceResult<CustomerNote>.NotFound("No customer has this id.");
        var note = new CustomerNote
        {
            CustomerId = customerId, Text = text!, AuthorId = actor.Id, AuthorName = actor.Name,
            At = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime),
        };
        db.CustomerNotes.Add(note);
        await db.SaveChangesAsync(ct);
        changes.Publish(new CustomerChange(customerId, NoteAdded, status.Value));
        return ServiceResult<CustomerNote>.Ok(note);
    }

    /// <summary>The customer's notes, oldest first (the page merges them into the history).</summary>
    public async Task<IReadOnlyList<CustomerNote>> ListAsync(Guid customerId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanWriteNotes) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CustomerNotes.AsNoTracking().Where(n => n.CustomerId == customerId).OrderBy(n => n.Id).ToListAsync(ct);
    }
}
