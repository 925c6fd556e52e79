using BackOffice.Core.Api;
using BackOffice.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BackOffice.Web.Api;

/// <summary>
/// Every error the API answers with, as RFC 9457 problem details written by ASP.NET Core's problem-details service.
/// <c>type</c> is a URI ending in a short <c>code</c>, which is also sent on its own so that clients can switch on it.
/// </summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";
    public const string TypeBase = "https://backoffice.example/problems/";

    public static ProblemHttpResult MalformedBody(string detail, int status = StatusCodes.Status400BadRequest) =>
        Create(status, "malformed_request", "Malformed request body", detail);

    public static ProblemHttpResult MissingFields(IReadOnlyDictionary<string, string[]> errors) =>
        Create(400, "missing_fields", "Missing required fields",
            errors.Count == 1 ? "1 required field is missing." : $"{errors.Count} required fields are missing.", errors);

    public static ProblemHttpResult InvalidFields(IReadOnlyDictionary<string, string[]> errors) =>
        Create(422, "validation", "Invalid field values",
            errors.Count == 1 ? "1 field is invalid." : $"{errors.Count} fields are invalid.", errors);

    /// <summary>
    /// 400 before 422: if anything required is missing the answer is 400 listing every missing field;
    /// otherwise one 422 lists every invalid field. Errors are keyed by the request's JSON paths.
    /// </summary>
    public static ProblemHttpResult ForInvalid<T>(ServiceResult<T> invalid, IReadOnlyDictionary<string, string[]>? typeErrors = null)
    {
        typeErrors ??= new Dictionary<string, string[]>();
        // A value of the wrong type hides what the validator says under it (billing_address: 7 has no line1 to miss).
        bool Shadowed(string path) => typeErrors.Keys.Any(t => path == t || path.StartsWith(t + ".", StringComparison.Ordinal));

        var missing = invalid.MissingFields.Select(ApiJson.ToJsonPath).Where(p => !Shadowed(p)).Order(StringComparer.Ordinal)
            .ToDictionary(p => p, _ => new[] { "is required" });
        if (missing.Count > 0) return MissingFields(missing);

        var errors = invalid.Errors.Select(e => (Path: ApiJson.ToJsonPath(e.Key), Messages: e.Value))
            .Where(e => !Shadowed(e.Path))
            .Concat(typeErrors.Select(e => (Path: e.Key, Messages: e.Value)))
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(e => e.Path, e => e.Messages);
        return InvalidFields(errors);
    }

    /// <summary>The problem for a service result that did not succeed.</summary>
    public static ProblemHttpResult For<T>(ServiceResult<T> result) => result.Kind switch
    {
        ServiceResultKind.Invalid => ForInvalid(result),
        ServiceResultKind.NotFound => NotFound(result.Message!),
        ServiceResultKind.Forbidden => Forbidden(result.Message!),
        ServiceResultKind.Conflict when result.Code == Core.Customers.CustomerService.EmailTaken => EmailTaken(result.ExistingCustomerId),
        ServiceResultKind.TooLarge => Create(413, "request_too_large", "Request body too large", result.Message!),
        ServiceResultKind.Conflict => Create(409, result.Code ?? "conflict", TitleOf(result.Code ?? "conflict"), result.Message!),
        _ => throw new InvalidOperationException($"A successful result is not a problem: {result.Kind}"),
    };

    /// <summary>A taken email; the existing customer's id only when the caller may see that customer.</summary>
    public static ProblemHttpResult EmailTaken(Guid? existingCustomerId) =>
        Create(409, "email_taken", "Email already in use", "A customer with this email already exists.",
            new Dictionary<string, string[]> { ["email"] = ["is already used by another customer"] },
            existingCustomerId is { } id ? new() { ["existing_customer_id"] = id } : null);

    /// <summary>An If-Match that names another version of the resource than the current one.</summary>
    public static ProblemHttpResult PreconditionFailed(string detail) => Create(412, "precondition_failed", "Precondition failed", detail);

    public static ProblemHttpResult NotFound(string detail) => Create(404, "not_found", "Not found", detail);

    public static ProblemHttpResult Forbidden(string detail) => Create(403, "forbidden", "Forbidden", detail);

    public static ProblemHttpResult Unauthorized(string detail) => Create(401, "unauthorized", "Unauthorized", detail);

    public static ProblemHttpResult RateLimited(int retryAfterSeconds, string who) =>
        Create(429, "rate_limited", "Too many requests", $"{who} has made too many requests. Try again in {retryAfterSeconds} s.");

    public static ProblemHttpResult TooLarge(long maxBytes) =>
        Create(413, "request_too_large", "Request body too large", $"Request bodies may be at most {maxBytes} bytes.");

    public static ProblemHttpResult InvalidIdempotencyKey(string detail) =>
        Create(400, "invalid_idempotency_key", "Invalid Idempotency-Key header", detail);

    public static ProblemHttpResult IdempotencyKeyReused() =>
        Create(422, "idempotency_key_reused", "Idempotency key reused",
            "This Idempotency-Key was already used with a different request. Use a new key for a new request.");

    public static ProblemHttpResult IdempotencyKeyInUse() =>
        Create(409, "idempotency_key_in_use", "Request with this key still running",
            "A request with this Idempotency-Key is still being processed. Retry shortly to get its response.");

    /// <summary>
    /// Problems the framework writes itself (an unknown path, a wrong method, an unhandled exception) get the same shape:
    /// our type URI, title and code. Runs for every problem written through <see cref="IProblemDetailsService"/>.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code")) return;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var (code, title, detail) = status switch
        {
            404 => ("not_found", "Not found", "There is nothing at this path."),
            405 => ("method_not_allowed", "Method not allowed", "This path does not accept this HTTP method."),
            >= 500 => ("server_error", "Server error", "Something went wrong on our side. Nothing about your request was wrong; retry later."),
            _ => ("error", "Error", $"The request failed with status {status}."),
        };
        problem.Type = TypeBase + code;
        problem.Title = title;
        problem.Detail = detail; // never an exception's message
        problem.Extensions.Remove("exception");
        problem.Extensions["code"] = code;
    }

    private static ProblemHttpResult Create(int status, string code, string title, string detail,
        IReadOnlyDictionary<string, string[]>? errors = null, Dictionary<string, object?>? extensions = null)
    {
        ProblemDetails problem = errors is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value));
        problem.Type = TypeBase + code;
        problem.Title = title;
        problem.Status = status;
        problem.Detail = detail;
        problem.Extensions["code"] = code;
        foreach (var (name, value) in extensions ?? []) problem.Extensions[name] = value;
        return TypedResults.Problem(problem);
    }

    private static string TitleOf(string code) => char.ToUpperInvariant(code[0]) + code[1..].Replace('_', ' ');
}
