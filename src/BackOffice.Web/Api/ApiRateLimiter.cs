using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Api;

/// <summary>
/// Per API key, at most <see cref="ApiOptions.RateLimitPerMinute"/> calls in each clock minute. Windows are aligned to
/// the minute, so <c>Retry-After</c> can say exactly when the next one opens. Counts live in memory: one instance
/// enforces its own limit (several instances would each allow the limit; a shared store would be needed then).
/// </summary>
public sealed class ApiRateLimiter(TimeProvider clock, IOptions<ApiOptions> options)
{
    private readonly ConcurrentDictionary<Guid, Window> windows = new();

    private sealed class Window
    {
        public long Minute;
        public int Count;
    }

    /// <summary>Counts a call; false with the seconds until the next window when the key is over its limit.</summary>
    public bool TryAcquire(Guid apiKeyId, out int retryAfterSeconds)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var minute = now / 60;
        var window = windows.GetOrAdd(apiKeyId, _ => new Window());
        lock (window)
        {
            if (window.Minute != minute)
            {
                window.Minute = minute;
                window.Count = 0;
            }
            if (window.Count >= options.Value.RateLimitPerMinute)
            {
                retryAfterSeconds = (int)(60 - now % 60);
                return false;
            }
            window.Count++;
            retryAfterSeconds = 0;
            return true;
        }
    }

    /// <summary>The endpoint filter that applies the limit after the key is known.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limiter = http.RequestServices.GetRequiredService<ApiRateLimiter>();
        if (limiter.TryAcquire(ApiKeyAuthentication.ApiKeyId(http.User), out var retryAfter)) return await next(context);
        http.Response.Headers.RetryAfter = retryAfter.ToString();
        return Problems.RateLimited(retryAfter).ToResult();
    }
}
