using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BackOffice.Tests.Api;

/// <summary>Request bodies and calls for the API tests: a valid customer as JSON, to change one thing at a time.</summary>
public static class ApiBodies
{
    private static int counter;

    public static JsonObject Customer(string? email = null) => new()
    {
        ["first_name"] = "Ada",
        ["last_name"] = "Lovelace",
        ["email"] = email ?? $"ada.api.{Interlocked.Increment(ref counter)}.{Guid.NewGuid():N}@example.com",
        ["phone"] = "+44 7911 123456",
        ["type"] = "individual",
        ["billing_address"] = new JsonObject
        {
            ["line1"] = "1 Main St",
            ["line2"] = null,
            ["city"] = "London",
            ["state"] = "London",
            ["zip_code"] = "SW1A 1AA",
            ["country"] = "gb",
        },
    };

    public static JsonObject Address(this JsonObject customer) => customer["billing_address"]!.AsObject();

    public static Task<HttpResponseMessage> PostCustomerAsync(this HttpClient client, JsonNode body, string? idempotencyKey = null) =>
        client.PostRawAsync("/api/v1/customers", body.ToJsonString(), idempotencyKey);

    public static async Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PatchCustomerAsync(this HttpClient client, string id, string body,
        string? ifMatch = null, string mediaType = "application/merge-patch+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/customers/{id}") { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>Asserts an RFC 9457 problem body with this status, and returns it.</summary>
    public static async Task<JsonObject> ProblemAsync(this HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.StartsWith("https://backoffice.example/problems/", problem["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        return problem;
    }

    /// <summary>The keys of a problem's <c>errors</c>, sorted.</summary>
    public static string[] ErrorKeys(this JsonObject problem) =>
        problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal).ToArray();

    public static string Id(this JsonObject envelope) => envelope["data"]!["id"]!.GetValue<string>();

    public static MediaTypeHeaderValue? MediaType(this HttpResponseMessage response) => response.Content.Headers.ContentType;

    public static string Json(object value) => JsonSerializer.Serialize(value);
}
