using BackOffice.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Screening;

/// <summary>Asks for a re-screening of everyone (kept in the database until done) and wakes the runner.</summary>
public sealed class ScreeningJobs(IDbContextFactory<BackOfficeDbContext> dbFactory, TimeProvider clock)
{
    private readonly SemaphoreSlim signal = new(0);

    /// <summary>
    /// Starts a re-screening; a job still running starts over against the new versions instead (a second job would
    /// only screen the same customers twice).
    /// </summary>
    public async Task RequestAsync(string reason, string listVersions, bool onlyNotScreened, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var running = await db.ScreeningJobs.Where(j => j.CompletedAt == null).OrderBy(j => j.RequestedAt).FirstOrDefaultAsync(ct);
        if (running is null)
        {
            db.ScreeningJobs.Add(new ScreeningJob
            {
                Id = Guid.CreateVersion7(now), Reason = Cut(reason), ListVersions = listVersions, OnlyNotScreened = onlyNotScreened, RequestedAt = now,
            });
        }
        else
        {
            running.Reason = Cut(running.Reason.Contains(reason, StringComparison.Ordinal) ? running.Reason : $"{running.Reason}; {reason}");
            running.ListVersions = listVersions;
            running.OnlyNotScreened &= onlyNotScreened;
            running.AfterCustomerId = null;
            running.Done = 0;
            running.PotentialMatches = 0;
            running.RequestedAt = now;
        }
        await db.SaveChangesAsync(ct);
        signal.Release();
    }

    /// <summary>The job running now, or else the last one finished (for the admin page's progress).</summary>
    public async Task<ScreeningJob?> LatestAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ScreeningJobs.AsNoTracking().Where(j => j.CompletedAt == null).OrderBy(j => j.RequestedAt).FirstOrDefaultAsync(ct)
               ?? await db.ScreeningJobs.AsNoTracking().OrderByDescending(j => j.CompletedAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>Waits until a job is requested, or the timeout passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);

    private static string Cut(string text) => text.Length <= 200 ? text : text[..199] + "…";
}
