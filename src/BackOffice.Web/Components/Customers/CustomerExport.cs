using System.Collections.Concurrent;
using BackOffice.Core.Customers;
using BackOffice.Core.Exports;
using BackOffice.Core.Identity;

namespace BackOffice.Web.Components.Customers;

/// <summary>
/// The exports pages have started: a one-time ticket per export (the only way to start the download, so a link or a
/// form on another site starts nothing), at most one running export per user, and how far each has got for the list
/// page's progress bar. Entries older than an hour are dropped; a ticket not used within a minute is worthless.
/// </summary>
public sealed class ExportProgress(TimeProvider clock)
{
    public sealed record State(long Written, bool Finished, string? Error, DateTimeOffset StartedAt);

    /// <summary>What a ticket stands for: who asked, which customers, and the id progress is reported under.</summary>
    public sealed record Ticket(Guid ExportId, string UserId, CustomerListQuery Filter, DateTimeOffset IssuedAt);

    public const string AlreadyRunning = "You already have an export running. Wait for it to finish.";
    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);
    private static readonly TimeSpan TicketLifetime = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Guid, State> exports = new();
    private readonly ConcurrentDictionary<Guid, string> owners = new();
    private readonly ConcurrentDictionary<string, Ticket> tickets = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Starts tracking an export for <paramref name="userId"/> and returns its ticket, or null when they already have one running.</summary>
    public string? Start(Guid id, string userId, CustomerListQuery filter)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            foreach (var (old, state) in exports)
            {
                if (now - state.StartedAt > KeptFor) Forget(old);
            }
            foreach (var (value, ticket) in tickets)
            {
                if (now - ticket.IssuedAt > TicketLifetime) tickets.TryRemove(value, out _);
            }
            if (owners.Any(o => o.Value == userId && exports.TryGetValue(o.Key, out var running) && !running.Finished)) return null;
            exports[id] = new State(0, false, null, now);
            owners[id] = userId;
            var secret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            tickets[secret] = new Ticket(id, userId, filter, now);
            return secret;
        }
    }

    /// <summary>The export a ticket stands for, once: the ticket is spent whether or not it was valid for this user.</summary>
    public Ticket? Redeem(string? ticket, string userId)
    {
        if (string.IsNullOrEmpty(ticket) || !tickets.TryRemove(ticket, out var found)) return null;
        if (found.UserId != userId || clock.GetUtcNow() - found.IssuedAt > TicketLifetime) return null;
        return found;
    }

    public void Report(Guid id, long written) => Update(id, s => s with { Written = written });

    public void Finish(Guid id, string? error = null) => Update(id, s => s with { Finished = true, Error = error });

    private void Update(Guid id, Func<State, State> change)
    {
        while (exports.TryGetValue(id, out var state) && !exports.TryUpdate(id, change(state), state))
        {
        }
    }

    public State? Get(Guid id) => exports.GetValueOrDefault(id);

    public void Forget(Guid id)
    {
        exports.TryRemove(id, out _);
        owners.TryRemove(id, out _);
        foreach (var (value, ticket) in tickets)
        {
            if (ticket.ExportId == id) tickets.TryRemove(value, out _);
        }
    }
}

/// <summary>
/// GET /customers/export.csv?ticket=…: the list's filter and search as a streamed CSV download. Only a ticket the list
/// page obtained (<see cref="ExportProgress.Start"/>) starts an export, once, for the user it was issued to: a plain
/// GET from a link, an image or another site carries no ticket and exports nothing.
/// </summary>
public static class CustomerExportEndpoint
{
    public const string StartFromThePage = "Start the export from the customer list (Export CSV).";

    public static void MapCustomerExport(this WebApplication app) =>
        app.MapGet("/customers/export.csv", ExportAsync).RequireAuthorization().ExcludeFromDescription();

    private static async Task ExportAsync(HttpContext context, CustomerExportService exports, ExportProgress progress, string? ticket)
    {
        var actor = Actor.FromPrincipal(context.User);
        context.Response.Headers.CacheControl = "no-store"; // personal data: keep it out of caches
        if (!actor.CanExportCustomers)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("Exports contain personal data: only managers, compliance officers and administrators may export.");
            return;
        }
        if (progress.Redeem(ticket, actor.Id) is not { } export)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync(StartFromThePage);
            return;
        }

        var id = export.ExportId;
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(export.Filter, DateTime.UtcNow)}\"";
        try
        {
            await exports.ExportCsvAsync(export.Filter, context.Response.Body, actor, written => progress.Report(id, written), context.RequestAborted);
            progress.Finish(id);
        }
        catch (Exception)
        {
            progress.Finish(id, "The export stopped before it finished.");
            throw;
        }
    }

    private static string FileName(CustomerListQuery filter, DateTime now) =>
        $"customers-{(filter.Status is { } s ? s.ToWire() : "all")}{(filter.Search is null ? "" : "-search")}-{now:yyyyMMdd-HHmm}.csv";
}
