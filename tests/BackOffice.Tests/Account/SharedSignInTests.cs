using System.Net;
using BackOffice.Core.Data;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Account;

/// <summary>
/// Two app instances on one database, as after a redeploy or behind a load balancer: the keys that protect sign-in
/// cookies are in the database, so a cookie issued by one instance is accepted by the other.
/// </summary>
public sealed class SharedSignInTests
{
    [Fact]
    public async Task A_sign_in_on_one_instance_is_accepted_by_another_on_the_same_database()
    {
        var folder = BackOfficeApp.NewFolder();
        try
        {
            await using var first = new BackOfficeApp(folder, settings: null);
            first.Start();
            await using var second = new BackOfficeApp(folder, settings: null);
            second.Start();
            var cookies = new CookieContainer(); // cookies are per host, not per port: both instances get them
            var user = BackOfficeApp.Users[0];

            var signIn = await SignInFormTests.PostSignInAsync(SignInFormTests.NewBrowserLikeClient(first.BaseUrl, cookies), user.Email, user.Password);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            var onSecond = await SignInFormTests.NewBrowserLikeClient(second.BaseUrl, cookies).GetAsync("/customers");

            Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode); // not a redirect to the sign-in page
            await using var db = await first.Services.GetRequiredService<IDbContextFactory<BackOfficeDbContext>>().CreateDbContextAsync();
            Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        }
        finally
        {
            BackOfficeApp.DeleteFolder(folder);
        }
    }
}
