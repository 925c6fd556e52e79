using System.Collections.Concurrent;
using BackOffice.Core.Customers;
using BackOffice.Core.Exports;
using BackOffice.Core.Identity;

namespace BackOffice.Web.Components.Customers;

/// <summary>
/// How far a running export has got, for the list page's progress bar. Keyed by an id the page makes up; only ids a
/// page started are tracked (a download cannot add entries), and entries older than an hour are dropped.
/// </summary>
public sealed class ExportProgress(TimeProvider clock)
{
    public sealed record State(long Written, bool Finished, string? Error, DateTimeOffset StartedAt);

    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, State> exports = new();

    public void Start(Guid id)
    {
        var now = clock.GetUtcNow();
        foreach (var (old, state) in exports)
        {
            if (now - state.StartedAt > KeptFor) exports.TryRemove(old, out _);
        }
        exports[id] = new State(0, false, null, now);
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

    public void Forget(Guid id) => exports.TryRemove(id, out _);
}

/// <summary>
/// GET /customers/export.csv: the list's filter and search as a streamed CSV download. The page starts it with the
/// same query parameters as the list, plus <c>export</c>, the id its progress is reported under.
/// </summary>
public static class CustomerExportEndpoint
{
    public static void MapCustomerExport(this WebApplication app) =>
        app.MapGet("/customers/export.csv", ExportAsync).RequireAuthorization().ExcludeFromDescription();

    private static async Task ExportAsync(HttpContext context, CustomerExportService exports, ExportProgress progress,
        string? status, string? q, string? created_after, string? created_before, string? partner, Guid? export)
    {
        var actor = Actor.FromPrincipal(context.User);
        if (!actor.CanExportCustomers)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("Exports contain personal data: only managers, compliance officers and administrators may export.");
            if (export is { } refused) progress.Finish(refused, "You may not export customers.");
            return;
        }

        var filter = CustomerListFilter.FromUrl(status, q, created_after, created_before, partner);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(filter, DateTime.UtcNow)}\"";
        context.Response.Headers.CacheControl = "no-store"; // personal data: keep it out of caches
        try
        {
            await exports.ExportCsvAsync(filter, context.Response.Body, actor,
                written => { if (export is { } id) progress.Report(id, written); }, context.RequestAborted);
            if (export is { } done) progress.Finish(done);
        }
        catch (Exception) when (export is { } failed)
        {
            progress.Finish(failed, "The export stopped before it finished.");
            throw;
        }
    }

    private static string FileName(CustomerListQuery filter, DateTime now) =>
        $"customers-{(filter.Status is { } s ? s.ToWire() : "all")}{(filter.Search is null ? "" : "-search")}-{now:yyyyMMdd-HHmm}.csv";
}
