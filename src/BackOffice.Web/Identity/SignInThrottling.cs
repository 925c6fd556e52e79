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
        });
        // The API sets its own OnRejected (problem details); there is one per app, so answer sign-in refusals here and
        // hand everything else to it. PostConfigure runs after every AddRateLimiter, whatever their order.
        services.PostConfigure<RateLimiterOptions>(options =>
        {
            var others = options.OnRejected;
            options.OnRejected = (context, ct) => IsSignInAttempt(context.HttpContext)
                ? RejectSignInAsync(context, ct)
                : others?.Invoke(context, ct) ?? ValueTask.CompletedTask;
        });
        return services;
    }

    private static async ValueTask RejectSignInAsync(OnRejectedContext context, CancellationToken ct)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Window;
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync("Too many sign-in attempts from here. Wait a minute, then try again.", ct);
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
