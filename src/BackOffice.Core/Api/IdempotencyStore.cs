using BackOffice.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Api;

public enum IdempotencyOutcome
{
    /// <summary>This request is the first with its key: run it, then <see cref="IdempotencyStore.CompleteAsync"/>.</summary>
    Claimed,
    /// <summary>A finished request had this key and the same body: send its response again.</summary>
    Replay,
    /// <summary>The key was used with a different request.</summary>
    Mismatch,
    /// <summary>The first request with this key is still running.</summary>
    InProgress,
}

public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, ApiResponse? Response = null, DateTime Token = default);

/// <summary>
/// Remembers requests made with an <c>Idempotency-Key</c>. The primary key (API key, idempotency key) makes
/// concurrent requests with one key safe: exactly one insert wins, the others see its row.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<BackOfficeDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxKeyLength = FieldLimits.IdempotencyKey;
    /// <summary>Keys are kept at least this long (the contract says 24 hours).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    /// <summary>A claim this old without a response belongs to a request that died; a retry may take it over.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Claims the key for this request, or says what became of it. A successful claim carries a token
    /// (its creation time) that <see cref="CompleteAsync"/> and <see cref="ReleaseAsync"/> need, so that a request
    /// whose claim was taken over after it was abandoned cannot overwrite or delete the new owner's record.
    /// </summary>
    public async Task<IdempotencyClaim> ClaimAsync(Guid apiKeyId, string key, string requestHash, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var now = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
            // Read first: replays and waiting retries then never touch the write lock.
            var existing = await FindAsync(apiKeyId, key, ct);
            if (existing is null)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                db.IdempotencyRecords.Add(new IdempotencyRecord { ApiKeyId = apiKeyId, Key = key, RequestHash = requestHash, CreatedAt = now });
                try
                {
                    await db.SaveChangesAsync(ct);
                    return new IdempotencyClaim(IdempotencyOutcome.Claimed, Token: now);
                }
                catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
                {
                    continue; // a concurrent request claimed it first: look at its record
                }
            }

            var expired = existing.CreatedAt < now - Retention;
            var abandoned = existing.StatusCode is null && existing.CreatedAt < now - AbandonedAfter;
            if ((expired || abandoned) && attempt < 3)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                await db.IdempotencyRecords.Where(r => r.ApiKeyId == apiKeyId && r.Key == key && r.CreatedAt == existing.CreatedAt)
                    .ExecuteDeleteAsync(ct);
                continue;
            }

            if (existing.RequestHash != requestHash) return new IdempotencyClaim(IdempotencyOutcome.Mismatch);
            if (existing.StatusCode is not { } status) return new IdempotencyClaim(IdempotencyOutcome.InProgress);
            return new IdempotencyClaim(IdempotencyOutcome.Replay,
                new ApiResponse(status, existing.ContentType!, existing.ResponseBody!, existing.Location));
        }
    }

    private async Task<IdempotencyRecord?> FindAsync(Guid apiKeyId, string key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.ApiKeyId == apiKeyId && r.Key == key, ct);
    }

    public async Task CompleteAsync(Guid apiKeyId, string key, DateTime token, ApiResponse response, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await StoreAnswerAsync(db, apiKeyId, key, token, response, ct);
    }

    /// <summary>Stores the answer through <paramref name="db"/>, inside whatever transaction it is in (see <see cref="BeforeCommit{T}"/>).</summary>
    public static async Task StoreAnswerAsync(BackOfficeDbContext db, Guid apiKeyId, string key, DateTime token, ApiResponse response, CancellationToken ct = default)
    {
        await db.IdempotencyRecords.Where(r => r.ApiKeyId == apiKeyId && r.Key == key && r.CreatedAt == token && r.StatusCode == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.StatusCode, response.StatusCode)
                .SetProperty(r => r.ContentType, response.ContentType)
                .SetProperty(r => r.ResponseBody, response.Body)
                .SetProperty(r => r.Location, response.Location), ct);
    }

    /// <summary>Gives the key back when the request failed without an answer worth replaying (a server error), so a retry runs it again.</summary>
    public async Task ReleaseAsync(Guid apiKeyId, string key, DateTime token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.IdempotencyRecords.Where(r => r.ApiKeyId == apiKeyId && r.Key == key && r.CreatedAt == token && r.StatusCode == null)
            .ExecuteDeleteAsync(ct);
    }

    /// <summary>Deletes records past <see cref="Retention"/>. Returns how many went.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - Retention;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
