using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Partners;

/// <summary>Partners: administrators create them and issue API keys for them.</summary>
public sealed class PartnerService(IDbContextFactory<BackOfficeDbContext> dbFactory, TimeProvider clock)
{
    public async Task<ServiceResult<Partner>> CreateAsync(string? name, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Admin)) return ServiceResult<Partner>.Forbidden("Only administrators can add partners.");
        name = name?.Trim();
        if (string.IsNullOrEmpty(name))
            return ServiceResult<Partner>.Invalid(new Dictionary<string, string[]> { ["Name"] = ["is required"] }, "Give the partner a name.");
        if (name.Length > FieldLimits.Name || PlainText.HasControlCharacters(name))
            return ServiceResult<Partner>.Invalid(new Dictionary<string, string[]> { ["Name"] = [$"must be at most {FieldLimits.Name} characters of plain text"] }, "The name is not valid.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = name.ToLowerInvariant();
        if (await db.Partners.AnyAsync(p => p.NameKey == key, ct))
            return ServiceResult<Partner>.Conflict("A partner with this name exists.", new Dictionary<string, string[]> { ["Name"] = ["is already used by another partner"] });
        var now = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var partner = new Partner { Id = Guid.CreateVersion7(now), Name = name, NameKey = key, CreatedAt = now, CreatedByName = actor.Name };
        db.Partners.Add(partner);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            return ServiceResult<Partner>.Conflict("A partner with this name exists.", new Dictionary<string, string[]> { ["Name"] = ["is already used by another partner"] });
        }
        return ServiceResult<Partner>.Ok(partner);
    }

    /// <summary>One partner's name, or null (a customer onboarded by staff has none).</summary>
    public async Task<string?> NameOfAsync(Guid? partnerId, CancellationToken ct = default)
    {
        if (partnerId is null) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Partners.AsNoTracking().Where(p => p.Id == partnerId).Select(p => p.Name).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<Partner>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Partners.AsNoTracking().ToListAsync(ct)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
