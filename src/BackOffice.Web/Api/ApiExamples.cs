using BackOffice.Core.Api;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BackOffice.Web.Api;

/// <summary>
/// Examples for the OpenAPI document, attached to endpoints as metadata. <see cref="RequestBody"/> is the
/// request's example; <see cref="Responses"/> holds one example per status code.
/// </summary>
public sealed record ApiExamples(string? RequestBody, IReadOnlyDictionary<int, string> Responses)
{
    private const string Customer = """
        { "id": "019ab6e4-3f1c-7b2a-9d4e-2f1a0b9c8d7e", "status": "pending_kyc", "created_at": "2026-11-25T09:30:12.345Z",
          "first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com", "phone": "+447911123456", "type": "individual",
          "billing_address": { "line1": "1 Main St", "line2": null, "city": "London", "state": "London", "zip_code": "SW1A 1AA", "country": "GB" },
          "screening": { "status": "clear", "screened_at": "2026-11-25T09:30:12.345Z" }, "updated_at": "2026-11-25T09:30:12.345Z" }
        """;

    private static readonly string Unauthorized = Problem(401, "unauthorized", "Unauthorized", "The API key is unknown or has been revoked.");
    private static readonly string ServerError = Problem(500, "server_error", "Server error", "Something went wrong on our side. Nothing about your request was wrong; retry later.");
    private static readonly string RateLimited = Problem(429, "rate_limited", "Too many requests", "This API key has made too many requests. Try again in 12 s.");

    public static readonly ApiExamples CreateCustomer = new(
        """
        { "first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com", "phone": "+44 7911 123456", "type": "individual",
          "billing_address": { "line1": "1 Main St", "city": "London", "state": "London", "zip_code": "SW1A 1AA", "country": "gb" } }
        """,
        new Dictionary<int, string>
        {
            [201] = $$"""{ "data": {{Customer}} }""",
            [400] = Problem(400, "missing_fields", "Missing required fields", "2 required fields are missing.",
                """{ "billing_address.zip_code": ["is required"], "email": ["is required"] }"""),
            [401] = Unauthorized,
            [409] = Problem(409, "email_taken", "Email already in use", "A customer with this email already exists.",
                """{ "email": ["is already used by another customer"] }""", """ "existing_customer_id": "019ab6e4-3f1c-7b2a-9d4e-2f1a0b9c8d7e" """),
            [413] = Problem(413, "request_too_large", "Request body too large", "Request bodies may be at most 65536 bytes."),
            [422] = Problem(422, "validation", "Invalid field values", "2 fields are invalid.",
                """{ "billing_address.country": ["must be an ISO 3166-1 alpha-2 code"], "email": ["must be a valid email address"] }"""),
            [429] = RateLimited,
        [500] = ServerError,
        });

    public static readonly ApiExamples GetCustomer = new(null, new Dictionary<int, string>
    {
        [200] = $$"""{ "data": {{Customer}} }""",
        [401] = Unauthorized,
        [404] = Problem(404, "not_found", "Not found", "No customer has the id 019ab6e4-3f1c-7b2a-9d4e-2f1a0b9c8d7e."),
        [429] = RateLimited,
        [500] = ServerError,
    });

    public static readonly ApiExamples UpdateCustomer = new(
        """{ "billing_address": { "zip_code": "SW1A 2AA", "line2": null } }""",
        new Dictionary<int, string>
        {
            [200] = $$"""{ "data": {{Customer}} }""",
            [400] = Problem(400, "malformed_body", "Malformed request body", "The body is not valid JSON."),
            [401] = Unauthorized,
            [403] = Problem(403, "forbidden", "Forbidden", "The names and type of an active customer were verified by KYC: only compliance officers and administrators can change them."),
            [404] = Problem(404, "not_found", "Not found", "No customer has the id 019ab6e4-3f1c-7b2a-9d4e-2f1a0b9c8d7e."),
            [409] = Problem(409, "email_taken", "Email already in use", "A customer with this email already exists.", """{ "email": ["is already used by another customer"] }"""),
            [412] = Problem(412, "precondition_failed", "Precondition failed", "This customer was changed after you opened it. Nothing was saved: reload to see the current details, then make your change again."),
            [413] = Problem(413, "request_too_large", "Request body too large", "The request body is larger than 65536 bytes."),
            [422] = Problem(422, "validation", "Invalid field values", "2 fields are invalid.", """{ "billing_address.zip_code": ["is not a valid GB postcode"], "first_name": ["is required and cannot be cleared"] }"""),
            [429] = RateLimited,
            [500] = ServerError,
        });

    public static readonly ApiExamples ListCustomers = new(null, new Dictionary<int, string>
    {
        [200] = $$"""{ "data": [ {{Customer}} ], "has_more": true }""",
        [401] = Unauthorized,
        [422] = Problem(422, "validation", "Invalid field values", "1 field is invalid.", """{ "limit": ["must be a whole number from 1 to 100"] }"""),
        [429] = RateLimited,
        [500] = ServerError,
    });

    private const string Wallet = """
        { "id": "019ab6e5-0a2b-7c3d-8e4f-5a6b7c8d9e0f", "customer_id": "019ab6e4-3f1c-7b2a-9d4e-2f1a0b9c8d7e",
          "currency": "USD", "status": "active", "balance": "0.00", "created_at": "2026-11-25T10:02:45.120Z" }
        """;

    public static readonly ApiExamples CreateWallet = new(
        """{ "customer_id": "019ab6e4-3f1c-7b2a-9d4e-2f1a0b9c8d7e", "currency": "USD" }""",
        new Dictionary<int, string>
        {
            [201] = $$"""{ "data": {{Wallet}} }""",
            [400] = Problem(400, "missing_fields", "Missing required fields", "1 required field is missing.", """{ "currency": ["is required"] }"""),
            [401] = Unauthorized,
            [404] = Problem(404, "not_found", "Not found", "No customer has the id 019ab6e4-3f1c-7b2a-9d4e-2f1a0b9c8d7e."),
            [409] = Problem(409, "customer_not_active", "Customer not active", "Wallets can be created only for active customers; this customer is Pending KYC."),
            [413] = Problem(413, "request_too_large", "Request body too large", "Request bodies may be at most 65536 bytes."),
            [422] = Problem(422, "validation", "Invalid field values", "1 field is invalid.", """{ "currency": ["must be an ISO 4217 currency code, e.g. USD"] }"""),
            [429] = RateLimited,
        [500] = ServerError,
        });

    public static readonly ApiExamples ListWallets = new(null, new Dictionary<int, string>
    {
        [200] = $$"""{ "data": [ {{Wallet}} ], "has_more": false }""",
        [401] = Unauthorized,
        [404] = Problem(404, "not_found", "Not found", "No customer has the id 019ab6e4-3f1c-7b2a-9d4e-2f1a0b9c8d7e."),
        [429] = RateLimited,
        [500] = ServerError,
    });

    private const string Document = """
        { "id": "019ab6e6-1b2c-7d3e-8f40-6a7b8c9d0e1f", "customer_id": "019ab6e4-3f1c-7b2a-9d4e-2f1a0b9c8d7e", "kind": "passport", "side": "front",
          "content_type": "image/jpeg", "size": 482113, "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
          "status": "received", "rejection_reason": null, "created_at": "2026-11-25T10:05:01.250Z" }
        """;

    public static readonly ApiExamples UploadDocument = new(null, new Dictionary<int, string>
    {
        [201] = $$"""{ "data": {{Document}} }""",
        [400] = Problem(400, "missing_fields", "Missing required fields", "1 required field is missing.", """{ "file": ["is required"] }"""),
        [401] = Unauthorized,
        [404] = Problem(404, "not_found", "Not found", "No customer has the id 019ab6e4-3f1c-7b2a-9d4e-2f1a0b9c8d7e."),
        [409] = Problem(409, "document_exists", "Document exists", "This customer already has this very file."),
        [413] = Problem(413, "request_too_large", "Request body too large", "Request bodies may be at most 10485760 bytes."),
        [422] = Problem(422, "validation", "Invalid field values", "1 field is invalid.", """{ "file": ["must be a JPEG, PNG or PDF file"] }"""),
        [429] = RateLimited,
        [500] = ServerError,
    });

    public static readonly ApiExamples ListDocuments = new(null, new Dictionary<int, string>
    {
        [200] = $$"""{ "data": [ {{Document}} ], "has_more": false }""",
        [401] = Unauthorized,
        [404] = Problem(404, "not_found", "Not found", "No customer has the id 019ab6e4-3f1c-7b2a-9d4e-2f1a0b9c8d7e."),
        [429] = RateLimited,
        [500] = ServerError,
    });

    private static string Problem(int status, string code, string title, string detail, string? errors = null, string? extra = null) =>
        $$"""
        { "type": "{{Problems.TypeBase}}{{code}}", "title": "{{title}}", "status": {{status}}, "detail": "{{detail}}", "code": "{{code}}"
          {{(errors is null ? "" : $", \"errors\": {errors}")}}{{(extra is null ? "" : $", {extra}")}} }
        """;

    /// <summary>Copies the examples attached to an endpoint into its OpenAPI operation.</summary>
    public static async Task AddToOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var examples = context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiExamples>().FirstOrDefault();
        if (examples is null) return;

        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiRequestBody>().FirstOrDefault() is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new()
                    {
                        Schema = await context.GetOrCreateSchemaAsync(body.Type, cancellationToken: ct),
                        Example = examples.RequestBody is null ? null : JsonNode.Parse(examples.RequestBody),
                    },
                },
            };
            // A merge patch may say what it is (RFC 7396's media type); the body is read the same either way.
            if (context.Description.HttpMethod == "PATCH")
                operation.RequestBody.Content!["application/merge-patch+json"] = operation.RequestBody.Content["application/json"];
        }
        foreach (var (status, json) in examples.Responses)
        {
            if (operation.Responses?.TryGetValue(status.ToString(), out var response) != true || response!.Content is null) continue;
            foreach (var media in response.Content.Values) media.Example = JsonNode.Parse(json);
        }
    }
}
