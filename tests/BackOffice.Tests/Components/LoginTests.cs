using BackOffice.Web.Components.Account;

namespace BackOffice.Tests.Components;

public sealed class LoginTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/customers?status=pending_kyc", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example", false)]
    [InlineData("evil", false)]
    [InlineData("/\u0000x", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Returns_only_to_pages_of_this_site_after_sign_in(string? returnUrl, bool local)
    {
        Assert.Equal(local, Login.IsLocalUrl(returnUrl));
    }
}
