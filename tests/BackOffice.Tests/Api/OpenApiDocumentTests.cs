using System.Net;
using System.Text.Json.Nodes;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Api;

/// <summary>/openapi/v1.json describes every endpoint, body and status code with examples; /api/docs serves Scalar.</summary>
public sealed class OpenApiDocumentTests(BackOfficeApp app) : IClassFixture<BackOfficeApp>
{
    private async Task<JsonObject> DocumentAsync()
    {
        var response = await app.ApiClient(apiKey: null).GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    [Theory]
    [InlineData("/api/v1/customers", "post", new[] { "201", "400", "401", "409", "413", "422", "429", "500" })]
    [InlineData("/api/v1/customers", "get", new[] { "200", "401", "422", "429", "500" })]
    [InlineData("/api/v1/customers/{id}", "get", new[] { "200", "401", "404", "429", "500" })]
    [InlineData("/api/v1/wallets", "post", new[] { "201", "400", "401", "404", "409", "413", "422", "429", "500" })]
    [InlineData("/api/v1/customers/{id}/wallets", "get", new[] { "200", "401", "404", "429", "500" })]
    public async Task Every_endpoint_lists_its_status_codes_each_with_an_example(string path, string method, string[] statuses)
    {
        var operation = (await DocumentAsync())["paths"]![path]![method]!.AsObject();

        var responses = operation["responses"]!.AsObject();
        Assert.Equal(statuses.Order(), responses.Select(r => r.Key).Order());
        Assert.All(statuses, status => Assert.NotNull(responses[status]!["content"]!.AsObject().First().Value!["example"]));
    }

    [Fact]
    public async Task The_create_body_is_described_with_required_fields_and_an_example()
    {
        var document = await DocumentAsync();
        var body = document["paths"]!["/api/v1/customers"]!["post"]!["requestBody"]!["content"]!["application/json"]!;

        Assert.Equal("Ada", body["example"]!["first_name"]!.GetValue<string>());
        var schema = Resolve(document, body["schema"]!);
        var required = schema["required"]!.AsArray().Select(r => r!.GetValue<string>()).Order();
        Assert.Equal(["billing_address", "email", "first_name", "last_name", "phone", "type"], required);
        var parameters = document["paths"]!["/api/v1/customers"]!["post"]!["parameters"]!.AsArray();
        Assert.Contains(parameters, p => p!["name"]!.GetValue<string>() == "Idempotency-Key");
    }

    [Fact]
    public async Task The_document_says_how_to_authenticate()
    {
        var document = await DocumentAsync();
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["ApiKey"]!["scheme"]!.GetValue<string>());
        Assert.NotEmpty(document["security"]!.AsArray());
    }

    [Fact]
    public async Task The_interactive_docs_are_served()
    {
        var response = await app.ApiClient(apiKey: null).GetAsync("/api/docs/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html);
        Assert.Equal(HttpStatusCode.OK, (await app.ApiClient(apiKey: null).GetAsync("/api/docs/scalar.js")).StatusCode);
    }

    private static JsonObject Resolve(JsonObject document, JsonNode schema) =>
        schema["$ref"] is { } reference
            ? document["components"]!["schemas"]![reference.GetValue<string>().Split('/')[^1]]!.AsObject()
            : schema.AsObject();
}
