using BackOffice.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BackOffice.Core.Screening;

/// <summary>
/// At start: loads the last good version of each list from the database, then fetches every configured source; after
/// that, each source again when its refresh interval has passed. A failed fetch keeps the version in force.
/// </summary>
public sealed class SanctionsListRefresher(
    SanctionsLists lists,
    ScreeningJobs jobs,
    IDbContextFactory<BackOfficeDbContext> dbFactory,
    TimeProvider clock,
    ILogger<SanctionsListRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await lists.LoadAsync(stoppingToken);
            var next = new Dictionary<string, DateTimeOffset>();
            foreach (var source in lists.Sources)
            {
                await RefreshAsync(source, stoppingToken);
                next[source.Name] = clock.GetUtcNow() + source.RefreshInterval;
            }
            await CatchUpNotScreenedAsync(stoppingToken);
            lists.StartupDone();

            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), clock, stoppingToken);
                foreach (var source in lists.Sources.Where(s => clock.GetUtcNow() >= next[s.Name]))
                {
                    await RefreshAsync(source, stoppingToken);
                    next[source.Name] = clock.GetUtcNow() + source.RefreshInterval;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "The sanctions list refresher stopped");
        }
        finally
        {
            lists.StartupDone();
        }
    }

    /// <summary>
    /// A failure beyond the fetch itself (the database gone for a moment, a bug in a parser) is logged and tried again at
    /// the next interval: it must not end the schedule of every list until the next restart.
    /// </summary>
    private async Task RefreshAsync(SanctionsSourceOptions source, CancellationToken ct)
    {
        try
        {
            await lists.RefreshAsync(source.Name, actor: null, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Refreshing {List} failed; trying again in {Interval}", source.Name, source.RefreshInterval);
        }
    }

    /// <summary>Customers created while no list was in force are screened as soon as lists are.</summary>
    private async Task CatchUpNotScreenedAsync(CancellationToken ct)
    {
        if (lists.Index.EntryCount == 0) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Customers.AnyAsync(c => c.ScreeningStatus == ScreeningStatus.NotScreened, ct))
            await jobs.RequestAsync("Customers not yet screened", SanctionsLists.Describe(lists.Index), onlyNotScreened: true, ct);
    }
}
