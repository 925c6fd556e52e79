using System.Security.Cryptography;
using System.Text;
using BackOffice.Core;
using BackOffice.Core.Api;
using BackOffice.Core.Data;

namespace BackOffice.Web.Api;

/// <summary>
/// The <c>Idempotency-Key</c> header, as an endpoint filter on every POST: the first request with a key runs and its
/// answer is stored; a retry with the same request gets that answer again; the same key with another request is
/// refused (422 idempotency_key_reused). A create stores its answer in its own transaction through
/// <see cref="IdempotentRequest.StoreBeforeCommit{T}"/>, so a created resource and its replayable answer are saved together.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    /// <summary>How long a retry waits for a concurrent first request with its key before being told to come back.</summary>
    private static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var header = context.Request.Headers[Header];
        if (header.Count == 0) return await next(invocation);

        var body = invocation.Arguments.OfType<IApiBody>().Single();
        if (body.TooLarge) return body.Unreadable; // the body was never read whole: nothing to compare a retry with
        var key = header.ToString();
        if (header.Count > 1 || string.IsNullOrWhiteSpace(key) || key.Length > FieldLimits.IdempotencyKey || PlainText.HasControlCharacters(key))
            return Problems.InvalidIdempotencyKey($"Send one {Header} of 1 to {FieldLimits.IdempotencyKey} characters, without control characters.");

        var apiKeyId = ApiKeyAuthentication.ApiKeyId(context.User);
        var requestHash = Hash(context.Request.Method, context.Request.Path, body.Bytes);
        var store = context.RequestServices.GetRequiredService<IdempotencyStore>();
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        var giveUpAt = clock.GetUtcNow() + WaitForFirst;

        while (true)
        {
            // Not the request's token: once claimed, the work and its record finish even if the client hangs up.
            var claim = await store.ClaimAsync(apiKeyId, key, requestHash);
            switch (claim.Outcome)
            {
                case IdempotencyOutcome.Claimed:
                    var request = new IdempotentRequest(apiKeyId, key, claim.Token);
                    context.Features.Set(request);
                    ApiResponse response;
                    try
                    {
                        var result = (IResult)(await next(invocation))!;
                        // Saved with the work already (a create's answer): send exactly what was stored. Unless the
                        // answer is another: a group commit that failed is retried item by item, and an item that is
                        // then refused (its email taken meanwhile) had stored a 201 in the transaction rolled back.
                        response = request.Stored is { } stored && StatusCodeOf(result) == stored.StatusCode
                            ? stored
                            : await StoredResponse.RenderAsync(result, context);
                    }
                    catch
                    {
                        await store.ReleaseAsync(apiKeyId, key, claim.Token);
                        throw;
                    }
                    if (!ReferenceEquals(response, request.Stored)) await CompleteAsync(context, store, request, response);
                    return response.ToResult();
                case IdempotencyOutcome.Replay:
                    return claim.Response!.ToResult(replayed: true);
                case IdempotencyOutcome.Mismatch:
                    return Problems.IdempotencyKeyReused();
                case IdempotencyOutcome.InProgress when clock.GetUtcNow() < giveUpAt:
                    await Task.Delay(PollInterval, context.RequestAborted);
                    break;
                default:
                    context.Response.Headers.RetryAfter = "1";
                    return Problems.IdempotencyKeyInUse();
            }
        }
    }

    private static async Task CompleteAsync(HttpContext context, IdempotencyStore store, IdempotentRequest request, ApiResponse response)
    {
        try
        {
            if (response.StatusCode >= 500) await store.ReleaseAsync(request.ApiKeyId, request.Key, request.Token);
            else await store.CompleteAsync(request.ApiKeyId, request.Key, request.Token, response);
        }
        catch (Exception e)
        {
            // The work is done: the caller gets its answer even if it could not be stored for replay.
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Idempotency))
                .LogWarning(e, "Could not store the response for an idempotency key; a retry after a minute will run again");
        }
    }

    private static int? StatusCodeOf(IResult result) =>
        ((result as INestedHttpResult)?.Result ?? result) is IStatusCodeHttpResult { StatusCode: var code } ? code : null;

    private static string Hash(string method, string path, byte[] body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{method} {path}\n"));
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}

/// <summary>A request running under a claimed Idempotency-Key (a feature of its HttpContext, set by <see cref="Idempotency.Filter"/>).</summary>
public sealed class IdempotentRequest(Guid apiKeyId, string key, DateTime token)
{
    public Guid ApiKeyId => apiKeyId;
    public string Key => key;
    public DateTime Token => token;

    /// <summary>The answer stored in the create's transaction, once stored; the filter sends this very response.</summary>
    public ApiResponse? Stored { get; private set; }

    /// <summary>For a create: renders <paramref name="answer"/> for the created resource and stores it just before the commit.</summary>
    public static BeforeCommit<T>? StoreBeforeCommit<T>(HttpContext context, Func<T, IResult> answer) =>
        context.Features.Get<IdempotentRequest>() is not { } request ? null
            : async (db, created, ct) =>
            {
                var response = await StoredResponse.RenderAsync(answer(created), context);
                await IdempotencyStore.StoreAnswerAsync(db, request.ApiKeyId, request.Key, request.Token, response, ct);
                request.Stored = response;
            };
}

/// <summary>An answer as bytes: rendered once, stored for replay, and written to the wire byte for byte.</summary>
public static class StoredResponse
{
    /// <summary>Runs <paramref name="result"/> into a buffer (status, content type, Location, body).</summary>
    public static async Task<ApiResponse> RenderAsync(IResult result, HttpContext context)
    {
        var wire = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await result.ExecuteAsync(context);
        }
        finally
        {
            context.Response.Body = wire;
        }
        var location = context.Response.Headers.Location.ToString();
        return new ApiResponse(context.Response.StatusCode, context.Response.ContentType ?? "application/json",
            Encoding.UTF8.GetString(buffer.ToArray()), location.Length == 0 ? null : location);
    }

    public static IResult ToResult(this ApiResponse response, bool replayed = false) => new Writer(response, replayed);

    private sealed class Writer(ApiResponse response, bool replayed) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = response.StatusCode;
            context.Response.ContentType = response.ContentType;
            if (response.Location is not null) context.Response.Headers.Location = response.Location;
            if (replayed) context.Response.Headers["Idempotent-Replayed"] = "true";
            await context.Response.WriteAsync(response.Body, Encoding.UTF8);
        }
    }
}
