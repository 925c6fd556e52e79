using BackOffice.Core.Identity;
using BackOffice.Core.Staff;

namespace BackOffice.Tests.Staff;

public sealed class StaffPasswordValidatorTests
{
    private static readonly BackOfficeUser User = new() { Email = "olivia.officer@test.local", UserName = "olivia.officer@test.local", DisplayName = "Olivia Officer" };

    [Theory]
    [InlineData("all lower case words", true)]
    [InlineData("123456789012", true)]
    [InlineData("olivia.officer@test.local", false)]
    [InlineData("my OLIVIA.OFFICER@TEST.LOCAL!", false)]
    [InlineData("olivia officer 2026", false)]
    [InlineData("OliviaOfficer2026", false)]
    public async Task Refuses_passwords_that_are_or_contain_the_email_or_name(string password, bool accepted)
    {
        var result = await new StaffPasswordValidator().ValidateAsync(null!, User, password);

        Assert.Equal(accepted, result.Succeeded);
    }

    [Fact]
    public async Task Refuses_a_password_longer_than_the_limit()
    {
        var result = await new StaffPasswordValidator().ValidateAsync(null!, User, new string('a', StaffLimits.MaxPasswordLength + 1));

        Assert.False(result.Succeeded);
    }
}
