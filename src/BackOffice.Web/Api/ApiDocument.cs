using BackOffice.Core.Api;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Core.Documents;
using BackOffice.Core.Screening;
using BackOffice.Core.Reference;
using BackOffice.Core.Wallets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BackOffice.Web.Api;

/// <summary>
/// The OpenAPI document (/openapi/v1.json) tells the whole truth about the rules: every string's limit and format from
/// <see cref="FieldLimits"/> (the validators' limits), every problem response, the rate-limit headers and the
/// Idempotency-Key. Checked by Spectral's OpenAPI and OWASP rulesets in the test command.
/// </summary>
public static class ApiDocument
{
    private const int ProblemTextLength = 2000;
    private const int MaxErrorsPerField = 10;

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer(DescribeDocument);
        options.AddSchemaTransformer(DescribeSchema);
        options.AddOperationTransformer(DescribeOperation);
        options.AddOperationTransformer(ApiExamples.AddToOperation);
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "BackOffice API",
            Version = "v1",
            Description = "Provision customers (and, after KYC, their wallets). Authenticate with `Authorization: Bearer <api key>`; "
                + "keys are issued by an administrator under API keys in the back-office. Errors are RFC 9457 problem details.",
            Contact = new OpenApiContact { Name = "BackOffice platform team", Email = "platform@backoffice.example" },
        };
        document.Servers =
        [
            new OpenApiServer
            {
                Url = "https://backoffice.example",
                Description = "Production (use your deployment's address)",
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(JsonValue.Create(false)) },
            },
        ];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            ["ApiKey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key issued in the back-office.",
            },
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] }];
        return Task.CompletedTask;
    }

    /// <summary>Limits of the response records and problem bodies, which have no validator of their own.</summary>
    private static Task DescribeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var attributes = context.JsonPropertyInfo?.AttributeProvider;
        if (attributes?.GetCustomAttributes(typeof(AllowedValuesAttribute), true).FirstOrDefault() is AllowedValuesAttribute allowed)
            schema.Enum = allowed.Values.Select(v => (JsonNode)JsonValue.Create(v?.ToString())!).ToList();
        if (attributes?.GetCustomAttributes(typeof(EmailAddressAttribute), true).Length > 0) schema.Format = "email";

        // Ids are UUIDs in their 36-character text form; timestamps are RFC 3339 text (our converter, which the
        // generator cannot see through).
        if (schema.Format == "uuid") schema.MaxLength = FieldLimits.Id;
        if (context.JsonTypeInfo.Type == typeof(DateTime)) { schema.Type = JsonSchemaType.String; schema.Format = "date-time"; schema.MaxLength = 30; }

        var owner = context.JsonPropertyInfo?.DeclaringType;
        var name = context.JsonPropertyInfo?.Name;
        if (owner is null || name is null) return Task.CompletedTask;

        if (owner.IsGenericType && owner.GetGenericTypeDefinition() == typeof(ListEnvelope<>) && name == "data")
            schema.MaxItems = owner.GetGenericArguments()[0] == typeof(WalletResource) ? Currencies.All.Count : FieldLimits.PageSize;
        else if (owner == typeof(CustomerResource) || owner == typeof(BillingAddressResource) || owner == typeof(WalletResource) || owner == typeof(ScreeningResource))
            DescribeResourceField(schema, owner, name);
        else if (owner == typeof(DocumentResource))
            DescribeDocumentField(schema, name);
        else if (owner == typeof(WebhookEndpointResource) || owner == typeof(CreateWebhookEndpointRequest))
            DescribeWebhookField(schema, name);
        else if (typeof(ProblemDetails).IsAssignableFrom(owner))
            DescribeProblemField(schema, name);
        return Task.CompletedTask;
    }

    private static void DescribeResourceField(OpenApiSchema schema, Type owner, string name)
    {
        switch (name)
        {
            case "first_name" or "last_name": schema.MaxLength = FieldLimits.Name; schema.Pattern = ContactRules.NameRegexForClients; break;
            case "email": schema.MaxLength = FieldLimits.Email; schema.Format = "email"; break;
            case "phone": schema.MaxLength = FieldLimits.StoredPhone; schema.Pattern = @"^\+[1-9][0-9]{1,14}$"; break;
            case "line1" or "line2": schema.MaxLength = FieldLimits.AddressLine; schema.Pattern = PlainText.Pattern; break;
            case "city": schema.MaxLength = FieldLimits.City; schema.Pattern = PlainText.Pattern; break;
            case "state": schema.MaxLength = FieldLimits.State; schema.Pattern = PlainText.Pattern; break;
            case "zip_code": schema.MaxLength = FieldLimits.ZipCode; schema.Pattern = "^[A-Z0-9 -]+$"; break;
            case "country": schema.MaxLength = FieldLimits.Country; schema.Pattern = "^[A-Z]{2}$"; break;
            case "currency": schema.MaxLength = FieldLimits.Currency; schema.Pattern = "^[A-Z]{3}$"; break;
            case "balance": schema.MaxLength = 40; schema.Pattern = @"^-?[0-9]+(\.[0-9]+)?$"; break;
            case "type": schema.Enum = Wire(Enum.GetValues<CustomerType>().Select(CustomerTypeNames.ToWire)); break;
            case "status" when owner == typeof(ScreeningResource): schema.Enum = Wire(Enum.GetValues<ScreeningStatus>().Select(s => s.ToWire())); break;
            case "screened_at": schema.MaxLength = 30; schema.Format = "date-time"; break;
            case "updated_at": schema.Description = "When the customer last changed: created, edited, decided, screened, sent or asked for documents."; break;
            case "status" when owner == typeof(WalletResource): schema.Enum = Wire(Enum.GetValues<WalletStatus>().Select(s => s.ToWire())); break;
            case "status": schema.Enum = Wire(CustomerStatusNames.InWorkflowOrder.Select(s => s.ToWire())); break;
        }
    }

    private static void DescribeDocumentField(OpenApiSchema schema, string name)
    {
        switch (name)
        {
            case "kind": schema.Enum = Wire(Enum.GetValues<DocumentKind>().Select(k => k.ToWire())); break;
            case "side": schema.Enum = [.. Wire(Enum.GetValues<DocumentSide>().Select(s => s.ToWire())), null!]; break;
            case "status": schema.Enum = Wire(Enum.GetValues<DocumentStatus>().Select(s => s.ToWire())); break;
            case "content_type": schema.Enum = Wire([FileTypes.Jpeg, FileTypes.Png, FileTypes.Pdf]); break;
            case "sha256": schema.MaxLength = 64; schema.Pattern = "^[0-9a-f]{64}$"; break;
            case "rejection_reason": schema.MaxLength = FieldLimits.Reason; schema.Pattern = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F]*$"; break;
            case "size": schema.Type = JsonSchemaType.Integer; schema.Pattern = null; schema.Format = "int64"; schema.Minimum = "1"; schema.Maximum = "1073741824"; break;
        }
    }

    private static void DescribeWebhookField(OpenApiSchema schema, string name)
    {
        switch (name)
        {
            case "url": schema.MaxLength = Core.Webhooks.WebhookRules.MaxUrlLength; schema.Format = "uri"; break;
            case "events":
                schema.MaxItems = Core.Webhooks.WebhookRules.EventTypes.Count;
                if (schema.Items is OpenApiSchema item) { item.Enum = Wire(Core.Webhooks.WebhookRules.EventTypes); item.MaxLength = 40; }
                break;
            case "disabled_reason": schema.MaxLength = 200; schema.Pattern = PlainText.Pattern; break;
            case "secret": schema.MaxLength = 100; schema.Pattern = "^whsec_[A-Za-z0-9+/=]+$"; break;
        }
    }

    /// <summary>The multipart body of a document upload, which has no record to generate it from.</summary>
    private static void DescribeMultipartBody(OpenApiOperation operation)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "kind", "file" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["kind"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 30, Enum = Wire(Enum.GetValues<DocumentKind>().Select(k => k.ToWire())) },
                            ["side"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 5, Enum = Wire(Enum.GetValues<DocumentSide>().Select(s => s.ToWire())) },
                            ["file"] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.String, Format = "binary", MaxLength = (int)new DocumentOptions().MaxBytes,
                                Description = "JPEG, PNG or PDF, recognised by its content; at most Documents:MaxBytes (10 MiB by default).",
                            },
                        },
                    },
                },
            },
        };
    }

    private static void DescribeProblemField(OpenApiSchema schema, string name)
    {
        switch (name)
        {
            case "status": schema.Type = JsonSchemaType.Integer; schema.Pattern = null; schema.Minimum = "400"; schema.Maximum = "599"; schema.Format = "int32"; break;
            case "type" or "instance": schema.MaxLength = ProblemTextLength; schema.Format = "uri-reference"; break;
            case "title" or "detail": schema.MaxLength = ProblemTextLength; schema.Pattern = "^.*$"; break;
            case "errors" when schema.AdditionalProperties is OpenApiSchema messages:
                messages.MaxItems = MaxErrorsPerField;
                if (messages.Items is OpenApiSchema message) { message.MaxLength = ProblemTextLength; message.Pattern = "^.*$"; }
                break;
        }
    }

    private static List<JsonNode> Wire(IEnumerable<string> values) => values.Select(v => (JsonNode)JsonValue.Create(v)!).ToList();

    /// <summary>Headers every answer carries: the rate limit's, and on 429 Retry-After; the Idempotency-Key on POST.</summary>
    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<MultipartDocumentBody>().Any()) DescribeMultipartBody(operation);
        if (context.Description.HttpMethod == "PATCH")
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = "The ETag of your last read of the customer; if it changed since, nothing is saved and the answer is 412.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 100, Pattern = "^[^\\x00-\\x1F\\x7F]+$" },
            });
        }
        if (context.Description.HttpMethod == "POST" && context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiRequestBody>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Idempotency.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Any string of up to 255 characters. A retry with the same key and body replays the first response; kept at least 24 hours.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = FieldLimits.IdempotencyKey, Pattern = "^[^\\x00-\\x1F\\x7F]+$" },
            });
        }
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name == "limit")
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = FieldLimits.PageSize.ToString(), Default = ListCustomersQuery.DefaultLimit };
            else if (parameter.Name == "status")
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 30, Enum = Wire(CustomerStatusNames.InWorkflowOrder.Select(s => s.ToWire())) };
            else if (parameter.Name is "starting_after" or "id")
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", MaxLength = FieldLimits.Id };
        }
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse concrete) continue;
            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            if (status == "200" && context.Description.RelativePath == "api/v1/customers/{id}")
                concrete.Headers["ETag"] = Header("The customer's current version; send it back as If-Match on PATCH.");
            concrete.Headers[ApiRateLimits.PolicyHeader] = Header("The limit that applies: requests (q) per window of w seconds, per API key (or per client address without a valid key).");
            concrete.Headers[ApiRateLimits.StateHeader] = Header("What is left of it: remaining requests (r) and seconds until the window resets (t).");
            concrete.Headers["Access-Control-Allow-Origin"] = new OpenApiHeader
            {
                Description = "Sent only to browsers on an origin listed in Api:CorsOrigins (none by default: the API is for servers).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", MaxLength = 200 },
            };
            if (status == "429")
                concrete.Headers["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds until the next window opens.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = "60" },
                };
        }
        return Task.CompletedTask;
    }

    private static OpenApiHeader Header(string description) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 100, Pattern = "^\"[a-z-]+\";[a-z]=[0-9]+;[a-z]=[0-9]+$" },
    };
}
