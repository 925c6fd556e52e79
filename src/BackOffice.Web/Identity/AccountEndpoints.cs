using BackOffice.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BackOffice.Web.Identity;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post (with its antiforgery token) so that a link or an image cannot sign someone out.
        app.MapPost("/account/logout", async ([FromForm] string? returnUrl, SignInManager<BackOfficeUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        });

        // Ends every session of the user (other browsers, other devices, copied cookies) and this one.
        app.MapPost("/account/logout-everywhere", async ([FromForm] string? returnUrl, SignInManager<BackOfficeUser> signIn) =>
        {
            await ((BackOfficeSignInManager)signIn).SignOutEverywhereAsync();
            return TypedResults.LocalRedirect("/account/login");
        }).RequireAuthorization();
    }
}
