using System.Globalization;
using System.Threading.RateLimiting;
using BackOffice.Core.Staff;
using Microsoft.AspNetCore.RateLimiting;

namespace BackOffice.Web.Identity;

/// <summary>
/// Throttles the forms that check a secret (password, two-factor code, set-password link) per client IP address and for
/// everyone together, besides Identity's per-account lockout. Over the limit: 429 with Retry-After.
/// </summary>
public static class SignInThrottling
{
    public static readonly string[] ThrottledPaths = ["/account/login", "/account/login-2fa", "/account/set-password"];

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddSignInThrottling(this IServiceCollection services, IConfiguration configuration)
    {
        var security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddRateLimiter(options =>
        {
            var perIp = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsSignInAttempt(context)
                    ? RateLimitPartition.GetFixedWindowLimiter("ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => Limit(security.SignInAttemptsPerIpPerMinute))
                    : RateLimitPartition.GetNoLimiter("other"));
            var overall = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsSignInAttempt(context)
                    ? RateLimitPartition.GetFixedWindowLimiter("all", _ => Limit(security.SignInAttemptsPerMinute))
                    : RateLimitPartition.GetNoLimiter("other"));
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(perIp, overall);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Window;
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many sign-in attempts from here. Wait a minute, then try again.", ct);
            };
        });
        return services;
    }

    private static bool IsSignInAttempt(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && ThrottledPaths.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase));

    private static FixedWindowRateLimiterOptions Limit(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
