using System.Security.Cryptography;
using System.Text;
using BackOffice.Core.Customers;
using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Staff;

/// <summary>
/// Staff accounts: invitations, roles, deactivation, password resets and set-password links. Only administrators manage
/// accounts, never their own status or Admin role, and never the last active administrator's. Every change is in the
/// security log and ends the person's open sessions, so that it takes effect on their open pages too.
/// </summary>
public sealed class StaffService(
    IServiceScopeFactory scopes,
    IDbContextFactory<BackOfficeDbContext> dbFactory,
    TimeProvider clock,
    IOptions<SecurityOptions> options,
    SecurityLog log,
    StaffSessions sessions)
{
    /// <summary>Who is acting when the create-admin command runs on the server.</summary>
    public static readonly Actor Command = Actor.Create("create-admin", "create-admin command", Roles.Admin);

    private const string AdminsOnly = "Only administrators can manage staff accounts.";

    public async Task<ServiceResult<IReadOnlyList<StaffMember>>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Admin)) return ServiceResult<IReadOnlyList<StaffMember>>.Forbidden(AdminsOnly);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = await db.Users.AsNoTracking().ToListAsync(ct);
        var roles = await RolesByUserAsync(db, null, ct);
        var members = users
            .Select(u => ToMember(u, roles.GetValueOrDefault(u.Id) ?? []))
            .OrderBy(m => m.IsActive ? 0 : 1).ThenBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(m => m.Email)
            .ToList();
        return ServiceResult<IReadOnlyList<StaffMember>>.Ok(members);
    }

    public async Task<ServiceResult<IssuedPasswordLink>> InviteAsync(NewStaffMember input, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Admin)) return ServiceResult<IssuedPasswordLink>.Forbidden(AdminsOnly);
        var errors = new Dictionary<string, string[]>();
        var email = input.Email?.Trim() ?? "";
        var name = input.DisplayName?.Trim() ?? "";
        if (email.Length == 0) errors[nameof(NewStaffMember.Email)] = ["Enter the email address."];
        else if (email.Length > StaffLimits.EmailLength) errors[nameof(NewStaffMember.Email)] = [$"Use at most {StaffLimits.EmailLength} characters."];
        else if (!ContactRules.IsValidEmail(email)) errors[nameof(NewStaffMember.Email)] = ["Enter a valid email address."];
        if (name.Length == 0) errors[nameof(NewStaffMember.DisplayName)] = ["Enter the person's name."];
        else if (name.Length > StaffLimits.DisplayNameLength) errors[nameof(NewStaffMember.DisplayName)] = [$"Use at most {StaffLimits.DisplayNameLength} characters."];
        else if (PlainText.HasControlCharacters(name)) errors[nameof(NewStaffMember.DisplayName)] = ["The name may not contain control characters."];
        if (input.Role is null || !Roles.StaffRoles.Contains(input.Role)) errors[nameof(NewStaffMember.Role)] = ["Choose a role."];
        if (errors.Count > 0) return ServiceResult<IssuedPasswordLink>.Invalid(errors);

        email = ContactRules.NormalizeEmail(email);
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await users.FindByEmailAsync(email) is not null)
            return EmailTaken();
        var user = new BackOfficeUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
            return created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                ? EmailTaken()
                : ServiceResult<IssuedPasswordLink>.Invalid(new Dictionary<string, string[]> { [nameof(NewStaffMember.Email)] = [.. created.Errors.Select(e => e.Description)] });
        await EnsureRolesExistAsync(scope, [input.Role!]);
        Check(await users.AddToRoleAsync(user, input.Role!));

        var link = await IssueLinkAsync(user.Id, PasswordLink.Invitation, actor, ct);
        await log.RecordAsync(SecurityEventKinds.UserInvited, actor, user.Id, user.Email, details: $"role: {input.Role}");
        return ServiceResult<IssuedPasswordLink>.Ok(new IssuedPasswordLink(ToMember(user, [input.Role!]), link.Token, link.ExpiresAt));

        static ServiceResult<IssuedPasswordLink> EmailTaken() => ServiceResult<IssuedPasswordLink>.Invalid(
            new Dictionary<string, string[]> { [nameof(NewStaffMember.Email)] = ["A staff account with this email already exists."] });
    }

    public async Task<ServiceResult<StaffMember>> SetRolesAsync(string userId, IReadOnlyCollection<string> roles, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Admin)) return ServiceResult<StaffMember>.Forbidden(AdminsOnly);
        var wanted = roles.Distinct().ToList();
        if (wanted.Count == 0 || wanted.Any(r => !Roles.StaffRoles.Contains(r)))
            return ServiceResult<StaffMember>.Invalid(new Dictionary<string, string[]> { ["Roles"] = ["Choose at least one role."] });

        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await users.FindByIdAsync(userId);
        if (user is null) return ServiceResult<StaffMember>.NotFound("No staff account has this id.");
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && !wanted.Contains(Roles.Admin))
        {
            if (user.Id == actor.Id) return ServiceResult<StaffMember>.Conflict("You cannot remove your own Admin role; ask another administrator.");
            if (user.IsActive && !await AnotherActiveAdminAsync(user.Id, ct))
                return ServiceResult<StaffMember>.Conflict("This is the last active administrator: make someone else an administrator first.");
        }
        var removed = current.Except(wanted).ToList();
        var added = wanted.Except(current).ToList();
        if (removed.Count == 0 && added.Count == 0) return ServiceResult<StaffMember>.Ok(ToMember(user, [.. current]));
        if (removed.Count > 0) Check(await users.RemoveFromRolesAsync(user, removed));
        await EnsureRolesExistAsync(scope, added);
        if (added.Count > 0) Check(await users.AddToRolesAsync(user, added));
        await sessions.EndAllAsync(user.Id, "roles changed", ct);
        await log.RecordAsync(SecurityEventKinds.UserChanged, actor, user.Id, user.Email,
            details: $"roles: {string.Join(", ", current.Order())} → {string.Join(", ", wanted.Order())}");
        return ServiceResult<StaffMember>.Ok(ToMember(user, wanted));
    }

    public async Task<ServiceResult<StaffMember>> DeactivateAsync(string userId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Admin)) return ServiceResult<StaffMember>.Forbidden(AdminsOnly);
        if (userId == actor.Id) return ServiceResult<StaffMember>.Conflict("You cannot deactivate your own account; ask another administrator.");
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await users.FindByIdAsync(userId);
        if (user is null) return ServiceResult<StaffMember>.NotFound("No staff account has this id.");
        var roles = await users.GetRolesAsync(user);
        if (!user.IsActive) return ServiceResult<StaffMember>.Ok(ToMember(user, [.. roles]));
        if (roles.Contains(Roles.Admin) && !await AnotherActiveAdminAsync(user.Id, ct))
            return ServiceResult<StaffMember>.Conflict("This is the last active administrator: make someone else an administrator first.");

        user.DeactivatedAt = Now();
        // A new security stamp invalidates every sign-in cookie and open page of the user, besides the sessions.
        Check(await users.UpdateAsync(user));
        Check(await users.UpdateSecurityStampAsync(user));
        await sessions.EndAllAsync(user.Id, "deactivated", ct);
        await log.RecordAsync(SecurityEventKinds.UserDeactivated, actor, user.Id, user.Email);
        return ServiceResult<StaffMember>.Ok(ToMember(user, [.. roles]));
    }

    public async Task<ServiceResult<StaffMember>> ReactivateAsync(string userId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Admin)) return ServiceResult<StaffMember>.Forbidden(AdminsOnly);
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await users.FindByIdAsync(userId);
        if (user is null) return ServiceResult<StaffMember>.NotFound("No staff account has this id.");
        var roles = await users.GetRolesAsync(user);
        if (user.IsActive) return ServiceResult<StaffMember>.Ok(ToMember(user, [.. roles]));
        user.DeactivatedAt = null;
        Check(await users.UpdateAsync(user));
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await log.RecordAsync(SecurityEventKinds.UserReactivated, actor, user.Id, user.Email);
        return ServiceResult<StaffMember>.Ok(ToMember(user, [.. roles]));
    }

    /// <summary>The old password stops working at once; the person sets a new one with the returned one-time link.</summary>
    public async Task<ServiceResult<IssuedPasswordLink>> ResetPasswordAsync(string userId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Admin)) return ServiceResult<IssuedPasswordLink>.Forbidden(AdminsOnly);
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await users.FindByIdAsync(userId);
        if (user is null) return ServiceResult<IssuedPasswordLink>.NotFound("No staff account has this id.");
        if (!user.IsActive) return ServiceResult<IssuedPasswordLink>.Conflict("Reactivate the account before resetting its password.");
        if (await users.HasPasswordAsync(user)) Check(await users.RemovePasswordAsync(user));
        else Check(await users.UpdateSecurityStampAsync(user));
        await sessions.EndAllAsync(user.Id, "password reset", ct);
        var link = await IssueLinkAsync(user.Id, PasswordLink.Reset, actor, ct);
        await log.RecordAsync(SecurityEventKinds.PasswordReset, actor, user.Id, user.Email, details: "new set-password link issued");
        var roles = await users.GetRolesAsync(user);
        return ServiceResult<IssuedPasswordLink>.Ok(new IssuedPasswordLink(ToMember(user, [.. roles]), link.Token, link.ExpiresAt));
    }

    /// <summary>An administrator clears someone's authenticator (a lost phone): they enrol again at their next sign-in.</summary>
    public async Task<ServiceResult<StaffMember>> ResetTwoFactorAsync(string userId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Admin)) return ServiceResult<StaffMember>.Forbidden(AdminsOnly);
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await users.FindByIdAsync(userId);
        if (user is null) return ServiceResult<StaffMember>.NotFound("No staff account has this id.");
        await TwoFactorEnrolment.ClearAsync(users, user);
        await sessions.EndAllAsync(user.Id, "two-factor reset", ct);
        await log.RecordAsync(SecurityEventKinds.TwoFactorReset, actor, user.Id, user.Email, details: "by an administrator");
        var roles = await users.GetRolesAsync(user);
        return ServiceResult<StaffMember>.Ok(ToMember(user, [.. roles]));
    }

    /// <summary>
    /// The create-admin command: makes an administrator with this email (or makes the existing account an active
    /// administrator again, for an organisation locked out of its only admin account) and issues a set-password link.
    /// </summary>
    public async Task<ServiceResult<IssuedPasswordLink>> CreateAdminAsync(string? email, string? name, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var existing = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (existing is null) return await InviteAsync(new NewStaffMember { Email = email, DisplayName = name, Role = Roles.Admin }, Command, ct);

        await EnsureRolesExistAsync(scope, [Roles.Admin]);
        if (!await users.IsInRoleAsync(existing, Roles.Admin)) Check(await users.AddToRoleAsync(existing, Roles.Admin));
        if (!existing.IsActive)
        {
            existing.DeactivatedAt = null;
            Check(await users.UpdateAsync(existing));
        }
        await log.RecordAsync(SecurityEventKinds.UserChanged, Command, existing.Id, existing.Email, details: "made an active administrator by create-admin");
        return await ResetPasswordAsync(existing.Id, Command, ct);
    }

    /// <summary>Whom a link is for, or why it no longer works.</summary>
    public async Task<ServiceResult<PasswordLinkInfo>> CheckLinkAsync(string? token, CancellationToken ct = default)
    {
        var (link, refusal) = await FindUsableLinkAsync(token, ct);
        if (link is null) return ServiceResult<PasswordLinkInfo>.Conflict(refusal!);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == link.UserId, ct);
        return ServiceResult<PasswordLinkInfo>.Ok(new PasswordLinkInfo(user.Email ?? "", user.DisplayName, link.Purpose));
    }

    /// <summary>Sets the password with a one-time link. Errors about the password come back under "Password".</summary>
    public async Task<ServiceResult<string>> SetPasswordAsync(string? token, string? password, string? clientIp = null, CancellationToken ct = default)
    {
        var (link, refusal) = await FindUsableLinkAsync(token, ct);
        if (link is null) return ServiceResult<string>.Conflict(refusal!);

        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await users.FindByIdAsync(link.UserId);
        if (user is null || !user.IsActive) return ServiceResult<string>.Conflict(LinkNotValid);
        password ??= "";
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            problems.AddRange(result.Errors.Select(e => e.Description));
        }
        if (problems.Count > 0)
            return ServiceResult<string>.Invalid(new Dictionary<string, string[]> { ["Password"] = [.. problems.Distinct()] });

        // Claim the link first and conditionally: of two tabs submitting it at once, one wins.
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var now = Now();
            var claimed = await db.PasswordLinks.Where(l => l.Id == link.Id && l.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), ct);
            if (claimed == 0) return ServiceResult<string>.Conflict(LinkNotValid);
        }
        if (await users.HasPasswordAsync(user)) Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, password));
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await log.RecordAsync(SecurityEventKinds.PasswordSet, null, user.Id, user.Email, clientIp, link.Purpose == PasswordLink.Invitation ? "with an invitation link" : "with a reset link");
        return ServiceResult<string>.Ok(user.Email ?? "");
    }

    public const string LinkNotValid =
        "This link no longer works: it was already used, replaced by a newer one, or it expired. Ask an administrator for a new link.";

    private async Task<(PasswordLink? Link, string? Refusal)> FindUsableLinkAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return (null, LinkNotValid);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = Hash(token.Trim());
        var link = await db.PasswordLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null || link.UsedAt is not null || link.ExpiresAt <= Now()) return (null, LinkNotValid);
        return (link, null);
    }

    private async Task<(string Token, DateTime ExpiresAt)> IssueLinkAsync(string userId, string purpose, Actor actor, CancellationToken ct)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = Now();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A newer link replaces any older one still open.
        await db.PasswordLinks.Where(l => l.UserId == userId && l.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), ct);
        var link = new PasswordLink
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Purpose = purpose,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + TimeSpan.FromHours(options.Value.PasswordLinkHours),
            CreatedByName = PlainText.Cut(actor.Name, 256),
        };
        db.PasswordLinks.Add(link);
        await db.SaveChangesAsync(ct);
        return (token, link.ExpiresAt);
    }

    private async Task<bool> AnotherActiveAdminAsync(string exceptUserId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var adminRoleId = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).FirstOrDefaultAsync(ct);
        return await db.UserRoles.Where(ur => ur.RoleId == adminRoleId && ur.UserId != exceptUserId)
            .Join(db.Users, ur => ur.UserId, u => u.Id, (ur, u) => u)
            .AnyAsync(u => u.DeactivatedAt == null, ct);
    }

    private static async Task<Dictionary<string, List<string>>> RolesByUserAsync(BackOfficeDbContext db, string? userId, CancellationToken ct)
    {
        var pairs = await db.UserRoles.Where(ur => userId == null || ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        return pairs.GroupBy(p => p.UserId).ToDictionary(g => g.Key, g => g.Select(p => p.Name!).Order().ToList());
    }

    private static StaffMember ToMember(BackOfficeUser user, IReadOnlyList<string> roles) =>
        new(user.Id, user.Email ?? "", user.DisplayName, roles, user.TwoFactorEnabled, user.LastSignInAt, user.IsActive, user.PasswordHash is not null);

    /// <summary>The staff roles are made at start-up; this covers a database that has not seen a start-up yet.</summary>
    private static async Task EnsureRolesExistAsync(AsyncServiceScope scope, IEnumerable<string> roles)
    {
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in roles)
        {
            if (!await roleManager.RoleExistsAsync(role)) Check(await roleManager.CreateAsync(new IdentityRole(role)));
        }
    }

    private static UserManager<BackOfficeUser> Users(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private DateTime Now() => Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
}
