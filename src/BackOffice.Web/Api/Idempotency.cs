using System.Security.Cryptography;
using System.Text;
using BackOffice.Core;
using BackOffice.Core.Api;
using BackOffice.Core.Data;

namespace BackOffice.Web.Api;

/// <summary>
/// The <c>Idempotency-Key</c> header: the first request with a key runs and its answer is stored; a retry with the
/// same request gets that answer again; the same key with another request is refused (422 idempotency_key_reused).
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    /// <summary>How long a retry waits for a concurrent first request with its key before being told to come back.</summary>
    private static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <param name="handle">Does the work; when a key was sent it gets an <see cref="IdempotentAnswer"/> through which
    /// a create stores its answer in its own transaction.</param>
    public static async Task<IResult> RunAsync(HttpContext context, byte[] body, Func<IdempotentAnswer?, Task<ApiResponse>> handle)
    {
        var header = context.Request.Headers[Header];
        if (header.Count == 0) return (await handle(null)).ToResult();

        var key = header.ToString();
        if (header.Count > 1 || string.IsNullOrWhiteSpace(key) || key.Length > IdempotencyStore.MaxKeyLength || PlainText.HasControlCharacters(key))
            return Problems.InvalidIdempotencyKey($"Send one {Header} of 1 to {IdempotencyStore.MaxKeyLength} characters, without control characters.").ToResult();

        var apiKeyId = ApiKeyAuthentication.ApiKeyId(context.User);
        var requestHash = Hash(context.Request.Method, context.Request.Path, body);
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
                    ApiResponse response;
                    var answer = new IdempotentAnswer(apiKeyId, key, claim.Token);
                    try
                    {
                        response = await handle(answer);
                    }
                    catch
                    {
                        await store.ReleaseAsync(apiKeyId, key, claim.Token);
                        throw;
                    }
                    // Saved with the work already (a create's answer): nothing left to store.
                    if (ReferenceEquals(response, answer.Stored)) return response.ToResult();
                    try
                    {
                        if (response.StatusCode >= 500) await store.ReleaseAsync(apiKeyId, key, claim.Token);
                        else await store.CompleteAsync(apiKeyId, key, claim.Token, response);
                    }
                    catch (Exception e)
                    {
                        // The work is done: the caller gets its answer even if it could not be stored for replay.
                        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Idempotency))
                            .LogWarning(e, "Could not store the response for an idempotency key; a retry after a minute will run again");
                    }
                    return response.ToResult();
                case IdempotencyOutcome.Replay:
                    return claim.Response!.ToResult(replayed: true);
                case IdempotencyOutcome.Mismatch:
                    return Problems.IdempotencyKeyReused().ToResult();
                case IdempotencyOutcome.InProgress when clock.GetUtcNow() < giveUpAt:
                    await Task.Delay(PollInterval, context.RequestAborted);
                    break;
                default:
                    context.Response.Headers.RetryAfter = "1";
                    return Problems.IdempotencyKeyInUse().ToResult();
            }
        }
    }

    private static string Hash(string method, string path, byte[] body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{method} {path}\n"));
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}

/// <summary>
/// The answer to a request with an Idempotency-Key, stored by the create itself just before its commit
/// (<see cref="BeforeCommit{T}"/>), so that the customer or wallet and the answer a retry will replay are saved together.
/// </summary>
public sealed class IdempotentAnswer(Guid apiKeyId, string key, DateTime token)
{
    /// <summary>The answer stored, once stored; the caller sends this very response.</summary>
    public ApiResponse? Stored { get; private set; }

    public async Task StoreAsync(BackOfficeDbContext db, ApiResponse response, CancellationToken ct)
    {
        await IdempotencyStore.StoreAnswerAsync(db, apiKeyId, key, token, response, ct);
        Stored = response;
    }
}
