using BackOffice.Core;
using BackOffice.Core.Identity;
using BackOffice.Core.Staff;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Staff;

/// <summary>Invitations, set-password links, roles and deactivation on a real database (either engine).</summary>
public sealed class StaffServiceTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private StaffService Staff => database.Staff;

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task An_invitation_gives_a_one_time_link_valid_for_72_hours_that_sets_the_password()
    {
        var admin = await StaffAccounts.AdminAsync(Staff);

        var invited = await Staff.InviteAsync(new NewStaffMember { Email = " Olivia.Officer@Test.local ", DisplayName = "Olivia Officer", Role = Roles.Compliance }, admin);

        Assert.True(invited.Succeeded, invited.Message);
        var link = invited.Value!;
        Assert.Equal("olivia.officer@test.local", link.Member.Email);
        Assert.Equal(database.Clock.GetUtcNow().UtcDateTime.AddHours(72), link.ExpiresAt);
        Assert.StartsWith("/account/set-password?token=", link.Path);
        Assert.Equal("olivia.officer@test.local", (await Staff.CheckLinkAsync(link.Token)).Value!.Email);
        var member = (await Staff.ListAsync(admin)).Value!.Single(m => m.Email == "olivia.officer@test.local");
        Assert.False(member.HasPassword);
        Assert.Equal([Roles.Compliance], member.Roles);

        Assert.True((await Staff.SetPasswordAsync(link.Token, "tea at the library at four")).Succeeded);

        Assert.True(await StaffAccounts.PasswordWorksAsync(database.Services, "olivia.officer@test.local", "tea at the library at four"));
    }

    [Fact]
    public async Task A_used_link_no_longer_works()
    {
        var admin = await StaffAccounts.AdminAsync(Staff);
        var link = (await Staff.InviteAsync(new NewStaffMember { Email = "used@test.local", DisplayName = "Una Used", Role = Roles.Agent }, admin)).Value!;
        Assert.True((await Staff.SetPasswordAsync(link.Token, "first password of mine")).Succeeded);

        var again = await Staff.SetPasswordAsync(link.Token, "second password of mine");

        Assert.Equal(ServiceResultKind.Conflict, again.Kind);
        Assert.Equal(StaffService.LinkNotValid, again.Message);
        Assert.False((await Staff.CheckLinkAsync(link.Token)).Succeeded);
        Assert.True(await StaffAccounts.PasswordWorksAsync(database.Services, "used@test.local", "first password of mine"));
    }

    [Fact]
    public async Task An_expired_link_no_longer_works()
    {
        var admin = await StaffAccounts.AdminAsync(Staff);
        var link = (await Staff.InviteAsync(new NewStaffMember { Email = "late@test.local", DisplayName = "Larry Late", Role = Roles.Agent }, admin)).Value!;

        database.Clock.Advance(TimeSpan.FromHours(72) + TimeSpan.FromSeconds(1));
        var result = await Staff.SetPasswordAsync(link.Token, "too late for this one");

        Assert.Equal(ServiceResultKind.Conflict, result.Kind);
        Assert.False(await StaffAccounts.PasswordWorksAsync(database.Services, "late@test.local", "too late for this one"));
    }

    [Fact]
    public async Task An_unknown_or_malformed_token_is_refused_without_an_exception()
    {
        foreach (var token in new[] { null, "", "nope", new string('x', 5000), "a\u0000b" })
            Assert.Equal(ServiceResultKind.Conflict, (await Staff.SetPasswordAsync(token, "whatever password here")).Kind);
    }

    [Fact]
    public async Task A_reset_stops_the_old_password_and_replaces_older_links()
    {
        var admin = await StaffAccounts.AdminAsync(Staff);
        var member = await StaffAccounts.MemberAsync(Staff, admin, "reset@test.local", "Rita Reset", Roles.Agent, "my original password");
        var first = (await Staff.ResetPasswordAsync(member.Id, admin)).Value!;

        Assert.False(await StaffAccounts.PasswordWorksAsync(database.Services, "reset@test.local", "my original password"));

        var second = (await Staff.ResetPasswordAsync(member.Id, admin)).Value!;
        Assert.Equal(ServiceResultKind.Conflict, (await Staff.SetPasswordAsync(first.Token, "brand new password one")).Kind);
        Assert.True((await Staff.SetPasswordAsync(second.Token, "brand new password two")).Succeeded);
        Assert.True(await StaffAccounts.PasswordWorksAsync(database.Services, "reset@test.local", "brand new password two"));
    }

    [Theory]
    [InlineData("short pass", "at least 12")]
    [InlineData("pat.person@test.local", "email")]
    [InlineData("xxPAT.PERSON@TEST.LOCALxx", "email")]
    [InlineData("hello Pat Person!!", "name")]
    public async Task Refuses_a_short_password_or_one_containing_the_email_or_name(string password, string expected)
    {
        var admin = await StaffAccounts.AdminAsync(Staff);
        var link = (await Staff.InviteAsync(new NewStaffMember { Email = "pat.person@test.local", DisplayName = "Pat Person", Role = Roles.Agent }, admin)).Value!;

        var result = await Staff.SetPasswordAsync(link.Token, password);

        Assert.Equal(ServiceResultKind.Invalid, result.Kind);
        Assert.Contains(result.Errors["Password"], e => e.Contains(expected, StringComparison.OrdinalIgnoreCase));
        // The link still works after a refused password.
        Assert.True((await Staff.SetPasswordAsync(link.Token, "no composition rules at all")).Succeeded);
    }

    [Fact]
    public async Task Bad_invitation_fields_come_back_as_field_errors()
    {
        var admin = await StaffAccounts.AdminAsync(Staff);

        var result = await Staff.InviteAsync(new NewStaffMember { Email = "not-an-email", DisplayName = "  ", Role = "Superuser" }, admin);
        var taken = await Staff.InviteAsync(new NewStaffMember { Email = "FIRST.ADMIN@test.local", DisplayName = "Again", Role = Roles.Agent }, admin);

        Assert.Equal(ServiceResultKind.Invalid, result.Kind);
        Assert.Equal([nameof(NewStaffMember.DisplayName), nameof(NewStaffMember.Email), nameof(NewStaffMember.Role)], result.Errors.Keys.Order());
        Assert.Equal(ServiceResultKind.Invalid, taken.Kind);
        Assert.Contains("already exists", taken.Errors[nameof(NewStaffMember.Email)][0]);
    }

    [Fact]
    public async Task Only_administrators_manage_staff()
    {
        var admin = await StaffAccounts.AdminAsync(Staff);

        Assert.Equal(ServiceResultKind.Forbidden, (await Staff.ListAsync(TestDatabase.Manager)).Kind);
        Assert.Equal(ServiceResultKind.Forbidden, (await Staff.InviteAsync(new NewStaffMember { Email = "x@test.local", DisplayName = "X", Role = Roles.Admin }, TestDatabase.Compliance)).Kind);
        Assert.Equal(ServiceResultKind.Forbidden, (await Staff.DeactivateAsync(admin.Id, TestDatabase.Agent)).Kind);
        Assert.Equal(ServiceResultKind.Forbidden, (await Staff.SetRolesAsync(admin.Id, [Roles.Agent], TestDatabase.Manager)).Kind);
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_be_deactivated_or_demoted()
    {
        var first = await StaffAccounts.AdminAsync(Staff);
        var second = await StaffAccounts.MemberAsync(Staff, first, "second.admin@test.local", "Second Admin", Roles.Admin);
        var secondActor = Actor.Create(second.Id, second.DisplayName, Roles.Admin);

        // With two administrators, one may deactivate the other...
        Assert.True((await Staff.DeactivateAsync(second.Id, first)).Succeeded);
        // ...but not the last active one, whoever asks (a deactivated admin's actor cannot be checked here; the rule holds anyway).
        var deactivate = await Staff.DeactivateAsync(first.Id, secondActor);
        var demote = await Staff.SetRolesAsync(first.Id, [Roles.Manager], secondActor);

        Assert.Equal(ServiceResultKind.Conflict, deactivate.Kind);
        Assert.Contains("last active administrator", deactivate.Message);
        Assert.Equal(ServiceResultKind.Conflict, demote.Kind);
        Assert.Contains("last active administrator", demote.Message);

        // Once another administrator is active again, the rule lets go.
        Assert.True((await Staff.ReactivateAsync(second.Id, first)).Succeeded);
        Assert.True((await Staff.SetRolesAsync(first.Id, [Roles.Manager, Roles.Compliance], secondActor)).Succeeded);
    }

    [Fact]
    public async Task An_administrator_cannot_deactivate_or_demote_themselves()
    {
        var first = await StaffAccounts.AdminAsync(Staff);
        await StaffAccounts.MemberAsync(Staff, first, "second.admin@test.local", "Second Admin", Roles.Admin);

        var deactivate = await Staff.DeactivateAsync(first.Id, first);
        var demote = await Staff.SetRolesAsync(first.Id, [Roles.Agent], first);

        Assert.Equal(ServiceResultKind.Conflict, deactivate.Kind);
        Assert.Contains("your own account", deactivate.Message);
        Assert.Equal(ServiceResultKind.Conflict, demote.Kind);
        Assert.Contains("your own Admin role", demote.Message);
        // Adding a role to oneself is fine.
        Assert.True((await Staff.SetRolesAsync(first.Id, [Roles.Admin, Roles.Manager], first)).Succeeded);
    }

    [Fact]
    public async Task Deactivation_role_changes_and_resets_end_the_persons_sessions()
    {
        var admin = await StaffAccounts.AdminAsync(Staff);
        var member = await StaffAccounts.MemberAsync(Staff, admin, "sessions@test.local", "Sid Sessions", Roles.Agent);

        async Task<Guid> OpenSessionAsync() => await database.Sessions.StartAsync(member.Id);
        var beforeRoles = await OpenSessionAsync();
        Assert.True((await Staff.SetRolesAsync(member.Id, [Roles.Manager], admin)).Succeeded);
        var beforeReset = await OpenSessionAsync();
        Assert.True((await Staff.ResetPasswordAsync(member.Id, admin)).Succeeded);
        var beforeDeactivation = await OpenSessionAsync();
        Assert.True((await Staff.DeactivateAsync(member.Id, admin)).Succeeded);

        Assert.False(await database.Sessions.IsActiveAsync(beforeRoles, member.Id));
        Assert.False(await database.Sessions.IsActiveAsync(beforeReset, member.Id));
        Assert.False(await database.Sessions.IsActiveAsync(beforeDeactivation, member.Id));
        var listed = (await Staff.ListAsync(admin)).Value!.Single(m => m.Id == member.Id);
        Assert.False(listed.IsActive);
        Assert.Equal([Roles.Manager], listed.Roles);
    }

    [Fact]
    public async Task A_session_ends_after_its_absolute_lifetime_however_active()
    {
        var admin = await StaffAccounts.AdminAsync(Staff);
        var session = await database.Sessions.StartAsync(admin.Id);

        database.Clock.Advance(TimeSpan.FromHours(11.9));
        Assert.True(await database.Sessions.IsActiveAsync(session, admin.Id));
        database.Clock.Advance(TimeSpan.FromHours(0.2));
        Assert.False(await database.Sessions.IsActiveAsync(session, admin.Id));
    }

    [Fact]
    public async Task Create_admin_makes_an_existing_account_an_active_administrator_again_with_a_new_link()
    {
        var admin = await StaffAccounts.AdminAsync(Staff);
        var member = await StaffAccounts.MemberAsync(Staff, admin, "break.glass@test.local", "Bea Glass", Roles.Agent);
        await Staff.DeactivateAsync(member.Id, admin);

        var result = await Staff.CreateAdminAsync("break.glass@test.local", "ignored");

        Assert.True(result.Succeeded, result.Message);
        var listed = (await Staff.ListAsync(admin)).Value!.Single(m => m.Id == member.Id);
        Assert.True(listed.IsActive);
        Assert.Contains(Roles.Admin, listed.Roles);
        Assert.False(listed.HasPassword);
        Assert.True((await Staff.SetPasswordAsync(result.Value!.Token, "a fresh start for bea")).Succeeded);
    }
}
