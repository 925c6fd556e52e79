using System.Collections.Concurrent;

namespace BackOffice.Core.Api;

/// <summary>
/// Keys that authenticated in the last few seconds, so that a busy partner's calls do not each read their key from the
/// database. A key revoked on this instance is forgotten at once; one revoked on another instance stops working here
/// within <see cref="RecheckAfter"/>. Unknown secrets are never remembered: a new key works at once everywhere.
/// </summary>
public sealed class RecentApiKeys(TimeProvider clock)
{
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(5);

    /// <summary>More keys than any deployment has; past it (someone cycling through valid keys) start again.</summary>
    private const int MaxKeys = 10_000;

    private readonly ConcurrentDictionary<string, (ApiKey Key, DateTimeOffset CheckedAt)> keys = new(StringComparer.Ordinal);

    /// <summary>The active key with this secret hash, if it was checked against the database less than <see cref="RecheckAfter"/> ago.</summary>
    public ApiKey? Find(string secretHash) =>
        keys.TryGetValue(secretHash, out var entry) && clock.GetUtcNow() - entry.CheckedAt < RecheckAfter ? entry.Key : null;

    public void Remember(string secretHash, ApiKey key)
    {
        if (keys.Count >= MaxKeys) keys.Clear();
        keys[secretHash] = (key, clock.GetUtcNow());
    }

    public void Forget(Guid keyId)
    {
        foreach (var (hash, entry) in keys)
            if (entry.Key.Id == keyId) keys.TryRemove(hash, out _);
    }
}
