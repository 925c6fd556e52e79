namespace BackOffice.Web.Identity;

/// <summary>
/// Sends a user who must enrol in two-factor sign-in to the enrolment page from anywhere else, before any page of the app
/// (and so before any interactive circuit) starts. Account pages, static files and the API stay reachable.
/// </summary>
public static class TwoFactorEnrolmentGate
{
    public const string EnrolmentPath = "/account/two-factor";

    private static readonly string[] Open = ["/account/", "/assets/", "/_framework/", "/_content/", "/api/", "/health", "/favicon"];

    public static IApplicationBuilder UseTwoFactorEnrolmentGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "/";
            if (!Open.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase))
                && context.RequestServices.GetRequiredService<TwoFactorPolicy>().MustEnrol(context.User))
            {
                context.Response.Redirect(EnrolmentPath);
                return;
            }
            await next(context);
        });
}
