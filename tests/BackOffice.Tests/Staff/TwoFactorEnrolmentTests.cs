using BackOffice.Core;
using BackOffice.Core.Identity;
using BackOffice.Core.Staff;
using BackOffice.Tests.Support;
using OtpNet;

namespace BackOffice.Tests.Staff;

/// <summary>Enrolling an authenticator app, with codes computed as the app would (Otp.NET, RFC 6238).</summary>
public sealed class TwoFactorEnrolmentTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    public static string CurrentCode(string sharedKey) => new Totp(Base32Encoding.ToBytes(sharedKey)).ComputeTotp(DateTime.UtcNow);

    [Fact]
    public async Task A_wrong_code_is_refused_and_the_right_one_turns_two_factor_on_with_ten_recovery_codes()
    {
        var admin = await StaffAccounts.AdminAsync(database.Staff);
        var setup = (await database.TwoFactor.SetupAsync(admin.Id)).Value!;
        Assert.StartsWith("otpauth://totp/BackOffice:first.admin%40test.local?secret=", setup.AuthenticatorUri);
        Assert.False(setup.Enabled);

        var right = CurrentCode(setup.SharedKey);
        var wrong = ((int.Parse(right) + 500_000) % 1_000_000).ToString("D6");
        var refused = await database.TwoFactor.EnableAsync(admin.Id, wrong);
        var notACode = await database.TwoFactor.EnableAsync(admin.Id, "abc");
        var enabled = await database.TwoFactor.EnableAsync(admin.Id, right);

        Assert.Equal(ServiceResultKind.Invalid, refused.Kind);
        Assert.Contains("not right", refused.Errors["Code"][0]);
        Assert.Equal(ServiceResultKind.Invalid, notACode.Kind);
        Assert.True(enabled.Succeeded, enabled.Message);
        Assert.Equal(StaffLimits.RecoveryCodeCount, enabled.Value!.Count);
        Assert.Equal(StaffLimits.RecoveryCodeCount, enabled.Value.Distinct().Count());
        var listed = (await database.Staff.ListAsync(admin)).Value!.Single(m => m.Id == admin.Id);
        Assert.True(listed.TwoFactorEnabled);
        var log = (await database.SecurityLog.SearchAsync(new SecurityLogQuery { Kind = SecurityEventKinds.TwoFactorEnrolled }, admin)).Value!;
        Assert.Single(log);
    }

    [Fact]
    public async Task Resetting_gives_a_new_key_and_turns_two_factor_off_and_an_admin_reset_is_logged()
    {
        var admin = await StaffAccounts.AdminAsync(database.Staff);
        var member = await StaffAccounts.MemberAsync(database.Staff, admin, "phone.lost@test.local", "Phil Phone", Roles.Compliance);
        var key = (await database.TwoFactor.SetupAsync(member.Id)).Value!.SharedKey;
        Assert.True((await database.TwoFactor.EnableAsync(member.Id, CurrentCode(key))).Succeeded);

        Assert.True((await database.Staff.ResetTwoFactorAsync(member.Id, admin)).Succeeded);

        var after = (await database.TwoFactor.SetupAsync(member.Id)).Value!;
        Assert.False(after.Enabled);
        Assert.NotEqual(key, after.SharedKey);
        var reset = (await database.SecurityLog.SearchAsync(new SecurityLogQuery { Kind = SecurityEventKinds.TwoFactorReset }, admin)).Value!.Single();
        Assert.Equal("First Admin", reset.ActorName);
        Assert.Equal("phone.lost@test.local", reset.UserEmail);
    }
}
