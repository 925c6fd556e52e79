using BackOffice.Core.Api;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Api;

/// <summary>
/// Rate limits of the API on ASP.NET Core's rate limiter: per API key <c>Api:RateLimitPerMinute</c>, and per client
/// address <c>Api:UnauthenticatedRateLimitPerMinute</c> for requests without a valid key. Windows are clock minutes, so
/// <c>Retry-After</c> says exactly when the next one opens. Every answer carries the IETF <c>RateLimit-Policy</c> and
/// <c>RateLimit</c> headers. Counts live in memory: each instance enforces its own limit.
/// </summary>
public static class ApiRateLimits
{
    public const string PolicyName = "api";
    public const string PolicyHeader = "RateLimit-Policy";
    public const string StateHeader = "RateLimit";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<ApiRateLimitWindows>();
        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(PolicyName, context => context.RequestServices.GetRequiredService<ApiRateLimitWindows>().PartitionFor(context));
            options.OnRejected = async (rejected, _) =>
            {
                var context = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
                context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                var who = context.User.HasClaim(c => c.Type == ApiKeyAuthentication.ApiKeyIdClaim) ? "This API key" : "This client";
                await Problems.RateLimited(retryAfter, who).ExecuteAsync(context);
            };
        });
    }
}

/// <summary>The clock-minute windows of each API key and client address, and the headers that describe them.</summary>
public sealed class ApiRateLimitWindows(TimeProvider clock, IOptions<ApiOptions> options)
{
    private readonly ConcurrentDictionary<string, ClockMinuteRateLimiter> limiters = new();

    public RateLimitPartition<string> PartitionFor(HttpContext context)
    {
        var keyId = context.User.FindFirst(ApiKeyAuthentication.ApiKeyIdClaim)?.Value;
        var (partition, limit) = keyId is not null
            ? ("key:" + keyId, options.Value.RateLimitPerMinute)
            : ("ip:" + context.Connection.RemoteIpAddress, options.Value.UnauthenticatedRateLimitPerMinute);
        var limiter = limiters.GetOrAdd(partition, _ => new ClockMinuteRateLimiter(limit, clock));
        if (limiters.Count > 100_000) ForgetIdle();
        context.Response.OnStarting(() =>
        {
            var (remaining, reset) = limiter.State();
            context.Response.Headers[ApiRateLimits.PolicyHeader] = $"\"{(keyId is null ? "client" : "api-key")}\";q={limit};w=60";
            context.Response.Headers[ApiRateLimits.StateHeader] = $"\"{(keyId is null ? "client" : "api-key")}\";r={remaining};t={reset}";
            return Task.CompletedTask;
        });
        return RateLimitPartition.Get(partition, _ => limiter);
    }

    /// <summary>Client addresses come and go: drop windows that have not been used for a minute.</summary>
    private void ForgetIdle()
    {
        foreach (var (partition, limiter) in limiters)
            if (limiter.IdleDuration > TimeSpan.FromMinutes(1)) limiters.TryRemove(partition, out _);
    }
}

/// <summary>At most <c>limit</c> permits in each clock minute (UTC); a refusal says how long until the next minute.</summary>
public sealed class ClockMinuteRateLimiter(int limit, TimeProvider clock) : RateLimiter
{
    private readonly Lock gate = new();
    private long minute = -1;
    private int used;
    private long lastUsedTicks = clock.GetTimestamp();

    public override TimeSpan? IdleDuration => clock.GetElapsedTime(Interlocked.Read(ref lastUsedTicks));

    /// <summary>Permits left in this minute and seconds until the next.</summary>
    public (int Remaining, int ResetSeconds) State()
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        lock (gate) return (minute == now / 60 ? Math.Max(0, limit - used) : limit, (int)(60 - now % 60));
    }

    public override RateLimiterStatistics GetStatistics() => new() { CurrentAvailablePermits = State().Remaining };

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        Interlocked.Exchange(ref lastUsedTicks, clock.GetTimestamp());
        lock (gate)
        {
            if (minute != now / 60)
            {
                minute = now / 60;
                used = 0;
            }
            if (used + permitCount > limit) return new Lease(false, TimeSpan.FromSeconds(60 - now % 60));
            used += permitCount;
            return new Lease(true, null);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount)); // no queueing: over the limit is answered at once

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;
        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
