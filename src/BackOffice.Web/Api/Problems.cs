using System.Text.Json;
using BackOffice.Core;
using BackOffice.Core.Api;

namespace BackOffice.Web.Api;

/// <summary>
/// Every error the API answers with, as RFC 9457 problem details. <c>type</c> is a URI ending in a short
/// <c>code</c>, which is also sent on its own so that clients can switch on it.
/// </summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";
    public const string TypeBase = "https://backoffice.example/problems/";

    public static ApiResponse MalformedBody(string detail) =>
        Create(400, "malformed_request", "Malformed request body", detail);

    public static ApiResponse MissingFields(IReadOnlyDictionary<string, string[]> errors) =>
        Create(400, "missing_fields", "Missing required fields",
            errors.Count == 1 ? "1 required field is missing." : $"{errors.Count} required fields are missing.", errors: errors);

    public static ApiResponse InvalidFields(IReadOnlyDictionary<string, string[]> errors) =>
        Create(422, "validation", "Invalid field values",
            errors.Count == 1 ? "1 field is invalid." : $"{errors.Count} fields are invalid.", errors: errors);

    /// <summary>
    /// 400 before 422: if anything required is missing the answer is 400 listing every missing field;
    /// otherwise one 422 lists every invalid field. Errors are keyed by the request's JSON paths.
    /// </summary>
    public static ApiResponse ForInvalid<T>(ServiceResult<T> invalid, IReadOnlyDictionary<string, string[]>? typeErrors = null)
    {
        typeErrors ??= new Dictionary<string, string[]>();
        // A value of the wrong type hides what the validator says under it (billing_address: 7 has no line1 to miss).
        bool Shadowed(string path) => typeErrors.Keys.Any(t => path == t || path.StartsWith(t + ".", StringComparison.Ordinal));

        var missing = invalid.MissingFields.Select(ApiJson.ToJsonPath).Where(p => !Shadowed(p)).Order(StringComparer.Ordinal)
            .ToDictionary(p => p, _ => new[] { "is required" });
        if (missing.Count > 0) return Problems.MissingFields(missing);

        var errors = invalid.Errors.Select(e => (Path: ApiJson.ToJsonPath(e.Key), Messages: e.Value))
            .Where(e => !Shadowed(e.Path))
            .Concat(typeErrors.Select(e => (Path: e.Key, Messages: e.Value)))
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(e => e.Path, e => e.Messages);
        return Problems.InvalidFields(errors);
    }

    public static ApiResponse EmailTaken(Guid existingCustomerId) =>
        Create(409, "email_taken", "Email already in use", "A customer with this email already exists.",
            errors: new Dictionary<string, string[]> { ["email"] = ["is already used by another customer"] },
            extensions: new() { ["existing_customer_id"] = existingCustomerId });

    public static ApiResponse Conflict(string code, string title, string detail) => Create(409, code, title, detail);

    public static ApiResponse NotFound(string detail) => Create(404, "not_found", "Not found", detail);

    public static ApiResponse Forbidden(string detail) => Create(403, "forbidden", "Forbidden", detail);

    public static ApiResponse Unauthorized(string detail) => Create(401, "unauthorized", "Unauthorized", detail);

    public static ApiResponse RateLimited(int retryAfterSeconds) =>
        Create(429, "rate_limited", "Too many requests", $"This API key has made too many requests. Try again in {retryAfterSeconds} s.");

    public static ApiResponse TooLarge(int maxBytes) =>
        Create(413, "request_too_large", "Request body too large", $"Request bodies may be at most {maxBytes} bytes.");

    public static ApiResponse InvalidIdempotencyKey(string detail) =>
        Create(400, "invalid_idempotency_key", "Invalid Idempotency-Key header", detail);

    public static ApiResponse IdempotencyKeyReused() =>
        Create(422, "idempotency_key_reused", "Idempotency key reused",
            "This Idempotency-Key was already used with a different request. Use a new key for a new request.");

    public static ApiResponse IdempotencyKeyInUse() =>
        Create(409, "idempotency_key_in_use", "Request with this key still running",
            "A request with this Idempotency-Key is still being processed. Retry shortly to get its response.");

    public static ApiResponse ServerError() =>
        Create(500, "server_error", "Server error", "Something went wrong on our side. Nothing about your request was wrong; retry later.");

    /// <summary>A problem for a bare status code (an unknown path, a wrong method).</summary>
    public static ApiResponse ForStatus(int status) => status switch
    {
        404 => NotFound("There is nothing at this path."),
        405 => Create(405, "method_not_allowed", "Method not allowed", "This path does not accept this HTTP method."),
        _ => Create(status, "error", "Error", $"The request failed with status {status}."),
    };

    private static ApiResponse Create(int status, string code, string title, string detail,
        IReadOnlyDictionary<string, string[]>? errors = null, Dictionary<string, object?>? extensions = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = TypeBase + code,
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
            ["code"] = code,
        };
        if (errors is not null) body["errors"] = errors;
        foreach (var (name, value) in extensions ?? []) body[name] = value;
        return new ApiResponse(status, ContentType, JsonSerializer.Serialize(body, ApiJson.Options), Location: null);
    }
}
