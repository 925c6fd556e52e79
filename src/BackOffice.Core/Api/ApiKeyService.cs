using System.Security.Cryptography;
using System.Text;
using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using BackOffice.Core.Staff;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Api;

/// <summary>Issues, lists, revokes and checks API keys. Only administrators manage keys.</summary>
public sealed class ApiKeyService(IDbContextFactory<BackOfficeDbContext> dbFactory, TimeProvider clock, SecurityLog securityLog, RecentApiKeys recentKeys)
{
    public const int MaxNameLength = 100;
    public const string SecretPrefix = "bo_";
    private const int ShownPrefixLength = 10;
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>A key for the default partner (keys from before partners existed, and quick trials).</summary>
    public Task<ServiceResult<IssuedApiKey>> CreateAsync(string? name, Actor actor, CancellationToken ct = default) =>
        CreateAsync(name, Partners.Partner.DefaultId, actor, ct);

    /// <summary>A key that acts for <paramref name="partnerId"/>: it sees and acts on that partner's customers only.</summary>
    public async Task<ServiceResult<IssuedApiKey>> CreateAsync(string? name, Guid partnerId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Admin))
            return ServiceResult<IssuedApiKey>.Forbidden("Only administrators can create API keys.");
        var secret = SecretPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var result = await AddAsync(name, secret, actor.Name, partnerId, actor.Id, ct);
        if (result.Succeeded)
            await securityLog.RecordAsync(SecurityEventKinds.ApiKeyCreated, actor, details: $"key: {result.Value!.Key.Name} ({result.Value.Key.Prefix}…)");
        return result;
    }

    /// <summary>Makes sure a key with this name and secret exists (the Development seed), so that the README's curl works on a first run.</summary>
    public async Task EnsureSeededAsync(string name, string secret, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = Hash(secret);
        if (await db.ApiKeys.AnyAsync(k => k.SecretHash == hash, ct)) return;
        var result = await AddAsync(name, secret, "Seed", Partners.Partner.DefaultId, issuedById: null, ct);
        if (!result.Succeeded) throw new InvalidOperationException($"Cannot seed the API key '{name}': {result.Message}");
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = await db.ApiKeys.AsNoTracking().ToListAsync(ct);
        return keys.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Name).ToList();
    }

    public async Task<ServiceResult<ApiKey>> RevokeAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Admin))
            return ServiceResult<ApiKey>.Forbidden("Only administrators can revoke API keys.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        // Conditional, so that of two administrators revoking at once exactly one is recorded as having done it.
        var revoked = await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now).SetProperty(k => k.RevokedByName, actor.Name), ct);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null) return ServiceResult<ApiKey>.NotFound("No API key has this id.");
        recentKeys.Forget(id);
        if (revoked == 0) return ServiceResult<ApiKey>.Conflict($"This key was already revoked by {key.RevokedByName}.");
        await securityLog.RecordAsync(SecurityEventKinds.ApiKeyRevoked, actor, details: $"key: {key.Name} ({key.Prefix}…)");
        return ServiceResult<ApiKey>.Ok(key);
    }

    /// <summary>
    /// The active key with this secret, or null for an unknown or revoked one (a key checked in the last
    /// <see cref="RecentApiKeys.RecheckAfter"/> is not read again). Records when the key was last used.
    /// </summary>
    public async Task<ApiKey?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 200) return null;
        var hash = Hash(secret);
        if (recentKeys.Find(hash) is { } recent) return recent;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.SecretHash == hash, ct);
        if (key is null || key.IsRevoked) return null;

        var now = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUsedResolution)
        {
            key.LastUsedAt = now;
            var staleBefore = now - LastUsedResolution;
            try
            {
                // Only the first request of the minute writes; the others find the row already fresh.
                await db.ApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt <= staleBefore))
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
            {
                // Best effort: a busy database must not turn a valid key into a failed call.
            }
        }
        recentKeys.Remember(hash, key);
        return key;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private async Task<ServiceResult<IssuedApiKey>> AddAsync(string? name, string secret, string createdBy, Guid partnerId, string? issuedById, CancellationToken ct)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
            return Invalid("is required", "Give the key a name.");
        if (trimmed.Length > MaxNameLength)
            return Invalid($"must be at most {MaxNameLength} characters", "The name is too long.");
        if (PlainText.HasControlCharacters(trimmed))
            return Invalid(PlainText.ControlCharactersMessage, "The name contains control characters.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var nameKey = trimmed.ToLowerInvariant();
        if (await db.ApiKeys.AnyAsync(k => k.NameKey == nameKey, ct))
            return Invalid("is already used by another key", "Another key has this name.");
        if (!await db.Partners.AnyAsync(p => p.Id == partnerId, ct))
            return ServiceResult<IssuedApiKey>.Invalid(new Dictionary<string, string[]> { ["PartnerId"] = ["must be an existing partner"] }, "Pick a partner.");
        // History names keys "API key · name", but a key named like a person would still read as that person elsewhere.
        if (await db.Users.AnyAsync(u => u.DisplayName.ToLower() == nameKey || u.NormalizedEmail == trimmed.ToUpperInvariant() || u.NormalizedUserName == trimmed.ToUpperInvariant(), ct))
            return Invalid("is the name of a staff member", "A key cannot be named like a staff member.");

        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = trimmed,
            NameKey = nameKey,
            Prefix = secret[..Math.Min(ShownPrefixLength, secret.Length)],
            SecretHash = Hash(secret),
            CreatedAt = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime),
            CreatedByName = createdBy,
            PartnerId = partnerId,
            IssuedById = issuedById,
        };
        db.ApiKeys.Add(key);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            return Invalid("is already used by another key", "Another key has this name.");
        }
        return ServiceResult<IssuedApiKey>.Ok(new IssuedApiKey(key, secret));
    }

    private static ServiceResult<IssuedApiKey> Invalid(string error, string message) =>
        ServiceResult<IssuedApiKey>.Invalid(new Dictionary<string, string[]> { ["Name"] = [error] }, message);

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
