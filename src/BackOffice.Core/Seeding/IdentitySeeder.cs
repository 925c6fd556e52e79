using BackOffice.Core.Identity;
using Microsoft.AspNetCore.Identity;

namespace BackOffice.Core.Seeding;

public static class IdentitySeeder
{
    /// <summary>Makes sure the four staff roles exist, then adds any configured user who does not exist yet.</summary>
    public static async Task SeedAsync(UserManager<BackOfficeUser> users, RoleManager<IdentityRole> roles, SeedOptions options)
    {
        foreach (var role in Roles.StaffRoles)
        {
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), role);
        }

        foreach (var seed in options.Users)
        {
            if (await users.FindByEmailAsync(seed.Email) is not null) continue;
            if (!Roles.StaffRoles.Contains(seed.Role))
                throw new InvalidOperationException($"Seed user {seed.Email} has unknown role '{seed.Role}'.");
            var user = new BackOfficeUser
            {
                UserName = seed.Email,
                Email = seed.Email,
                EmailConfirmed = true,
                DisplayName = string.IsNullOrWhiteSpace(seed.DisplayName) ? seed.Email : seed.DisplayName,
            };
            Check(await users.CreateAsync(user, seed.Password), seed.Email);
            Check(await users.AddToRoleAsync(user, seed.Role), seed.Email);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Seeding {what} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
