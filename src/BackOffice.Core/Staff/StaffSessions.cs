using BackOffice.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Staff;

/// <summary>Starts, checks and ends sign-in sessions (<see cref="StaffSession"/>).</summary>
public sealed class StaffSessions(IDbContextFactory<BackOfficeDbContext> dbFactory, TimeProvider clock, IOptions<SecurityOptions> options)
{
    public async Task<Guid> StartAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = new StaffSession { Id = Guid.CreateVersion7(), UserId = userId, StartedAt = Now() };
        db.StaffSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>True while the session exists, has not ended and is younger than the absolute lifetime.</summary>
    public async Task<bool> IsActiveAsync(Guid sessionId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var startedAfter = Now() - options.Value.MaxSession;
        return await db.StaffSessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null && s.StartedAt > startedAfter, ct);
    }

    public async Task EndAsync(Guid sessionId, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now();
        await db.StaffSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndedReason, reason), ct);
    }

    /// <summary>Ends every open session of the user (sign out everywhere, deactivation, role change, reset); returns how many.</summary>
    public async Task<int> EndAllAsync(string userId, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now();
        return await db.StaffSessions.Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndedReason, reason), ct);
    }

    private DateTime Now() => Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
}
