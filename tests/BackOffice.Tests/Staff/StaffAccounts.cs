using BackOffice.Core.Identity;
using BackOffice.Core.Staff;
using BackOffice.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Staff;

/// <summary>Real staff accounts for tests, made through the services as an administrator would.</summary>
public static class StaffAccounts
{
    /// <summary>An administrator made by the create-admin path, with a password set through their link.</summary>
    public static async Task<Actor> AdminAsync(StaffService staff, string email = "first.admin@test.local", string password = "correct horse battery staple")
    {
        var link = (await staff.CreateAdminAsync(email, "First Admin")).Value!;
        Assert.True((await staff.SetPasswordAsync(link.Token, password)).Succeeded);
        return Actor.Create(link.Member.Id, link.Member.DisplayName, Roles.Admin);
    }

    /// <summary>Invites someone and sets their password with the link.</summary>
    public static async Task<StaffMember> MemberAsync(StaffService staff, Actor admin, string email, string name, string role, string password = "a long enough passphrase")
    {
        var link = await staff.InviteAsync(new NewStaffMember { Email = email, DisplayName = name, Role = role }, admin);
        Assert.True(link.Succeeded, link.Message);
        Assert.True((await staff.SetPasswordAsync(link.Value!.Token, password)).Succeeded);
        return link.Value.Member;
    }

    public static async Task<bool> PasswordWorksAsync(IServiceProvider services, string email, string password)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        var user = await users.FindByEmailAsync(email);
        return user is not null && await users.CheckPasswordAsync(user, password);
    }
}
