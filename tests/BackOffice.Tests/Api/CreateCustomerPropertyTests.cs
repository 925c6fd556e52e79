using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackOffice.Tests.Support;
using CsCheck;

namespace BackOffice.Tests.Api;

/// <summary>
/// Thousands of generated bodies at POST /api/v1/customers: valid ones, fields absent, null, blank, of the wrong type,
/// too long, in other scripts, broken escapes, and bodies that are not JSON at all. None may get a 5xx, and every
/// error must be a problem body whose errors are keyed by JSON paths of the request.
/// </summary>
public sealed class CreateCustomerPropertyTests : IAsyncLifetime
{
    private readonly BackOfficeApp app = new(folder: null, new Dictionary<string, string> { ["Api:RateLimitPerMinute"] = "1000000" });

    public ValueTask InitializeAsync()
    {
        app.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static string Quote(string value) => JsonSerializer.Serialize(value);

    /// <summary>Text without lone surrogates (those are written as raw escapes below).</summary>
    private static readonly Gen<string> SafeText = Gen.OneOf(
        Gen.String,
        Gen.Char['\u0000', '\uD7FF'].Array[0, 40].Select(chars => new string(chars)),
        Gen.OneOf("", " ", "\t", "Ada", "Łucja", "Zoë-Anne", "O'Brien", "李", "Владимир", "محمد", "1", "a@b", "@", new string('a', 101), new string('b', 300)));

    /// <summary>Any JSON value, as its text.</summary>
    private static readonly Gen<string> AnyJson = Gen.OneOf(
        SafeText.Select(Quote),
        Gen.OneOf("null", "true", "false", "0", "-1", "1.5e300", "1e400", "[]", "{}", "[\"Ada\"]", "{\"a\":1}",
            "\"\\ud800\"", "\"\\udc00x\"", "\"\\u0000\"", "\"a\\u0000b\"", new string('[', 40) + new string(']', 40)),
        Gen.Long.Select(n => n.ToString()),
        Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>
    /// A field: mostly one of its valid values (so that whole valid bodies are common enough to reach 201 and 409),
    /// sometimes absent (null), a plausible wrong value, or anything at all.
    /// </summary>
    private static Gen<string?> Field(string[] valid, params string[] wrong) => Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (30, Gen.OneOf(valid).Select(v => (string?)Quote(v))),
        (3, Gen.OneOf(wrong.Length > 0 ? wrong : [" "]).Select(v => (string?)Quote(v))),
        (2, AnyJson.Select(v => (string?)v)));

    private static string Object(params (string Name, string? Value)[] members) =>
        "{" + string.Join(",", members.Where(m => m.Value is not null).Select(m => $"{Quote(m.Name)}:{m.Value}")) + "}";

    private static readonly Gen<string?> BillingAddress = Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (1, AnyJson.Select(v => (string?)v)),
        (8, Gen.Select(
            Field(["1 Main St", "Flat 2, 10 Downing St"], " ", new string('x', 201)),
            Field(["Apt 4", ""], new string('x', 201)),
            Field(["London", "Paris", "Zürich"], ""),
            Field(["London", "CA", "Île-de-France"], "\t"),
            Field(["SW1A 1AA", "sw1a 1aa"], "94105", "75001", "12", "ABC"),
            Field(["GB", "gb", " Gb "], "US", "FR", "ZZ", "GBR", "u s"),
            (line1, line2, city, state, zip, country) => (string?)Object(
                ("line1", line1), ("line2", line2), ("city", city), ("state", state), ("zip_code", zip), ("country", country)))));

    private static readonly Gen<string> CustomerBody = Gen.Select(
        Field(["Ada", "José", "李", "Anne-Marie", "O'Neil"], "Ada1", " ", new string('a', 101)),
        Field(["Lovelace", "Ng", "Nguyễn", "Smith-Jones"], "L0velace"),
        Gen.Frequency(
            (6, Gen.Int[0, 50].Select(n => (string?)Quote($"prop.{n}@example.com"))), // few enough to collide: 409s
            (1, Field(["ADA@EXAMPLE.COM", " a@b.co "], "not-an-email", "a@b", new string('a', 250) + "@example.com"))),
        Field(["+44 7911 123456", "+14155550123", "+33 6 12 34 56 78"], "07911 123456", "12", "+999"),
        Field(["individual", "business"], "Business", "person"),
        BillingAddress,
        (first, last, email, phone, type, address) => Object(
            ("first_name", first), ("last_name", last), ("email", email), ("phone", phone), ("type", type), ("billing_address", address)));

    private static readonly Gen<string> Body = Gen.Frequency(
        (8, CustomerBody),
        (1, AnyJson),
        (1, SafeText.Select(t => t.Length > 0 ? "{" + t : t))); // truncated or plain text

    private static readonly string[] RequiredFields = ["first_name", "last_name", "email", "phone", "type", "billing_address"];
    private static readonly string[] RequiredAddressFields = ["line1", "city", "state", "zip_code", "country"];

    /// <summary>The test's own reading of the contract's 400 rule, independent of the server's code.</summary>
    private static bool IsMalformedOrMissingAField(string body)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return true;
        }
        if (node is not JsonObject customer) return true;

        static bool Missing(JsonObject parent, string name)
        {
            if (!parent.TryGetPropertyValue(name, out var value) || value is null) return true;
            if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String) return false;
            try { return string.IsNullOrWhiteSpace(text.GetValue<string>()); }
            catch (InvalidOperationException) { return false; } // not valid text, but present
        }

        return RequiredFields.Any(f => Missing(customer, f))
            || (customer["billing_address"] is JsonObject address && RequiredAddressFields.Any(f => Missing(address, f)));
    }

    [Fact]
    public async Task No_generated_body_gets_a_5xx_and_every_error_is_a_problem()
    {
        var api = app.ApiClient();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();

        await Body.SampleAsync(async body =>
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await api.PostAsync("/api/v1/customers", content);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            var text = await response.Content.ReadAsStringAsync();

            Assert.True(status is 201 or 400 or 409 or 422, $"{status} for {body}: {text}\nApp errors:\n{string.Join("\n", app.LoggedErrors)}");
            // 400 before 422: the answer is 400 exactly when the body is not a JSON object or a required field is missing.
            var expect400 = IsMalformedOrMissingAField(body);
            Assert.True(expect400 == (status == 400), $"Expected {(expect400 ? "400" : "201/409/422")}, got {status} for {body}: {text}");
            var json = JsonNode.Parse(text)!.AsObject();
            if (status == 201)
            {
                Assert.NotNull(json["data"]?["id"]);
                return;
            }
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(status, json["status"]!.GetValue<int>());
            Assert.StartsWith("https://backoffice.example/problems/", json["type"]!.GetValue<string>());
            if (json["errors"] is JsonObject errors)
            {
                Assert.NotEmpty(errors);
                Assert.All(errors, e => Assert.Matches("^[a-z_0-9]+(\\.[a-z_0-9]+)?$", e.Key));
            }
        }, iter: 2000, threads: 2);

        // The generator must reach every outcome, or the property says little.
        Assert.All(new[] { 201, 400, 409, 422 }, s => Assert.True(statuses.ContainsKey(s), $"No {s} among {string.Join(", ", statuses)}"));
    }

    /// <summary>Bytes that are not even text (invalid UTF-8, random binary), under any content type.</summary>
    private static readonly Gen<(byte[] Body, string ContentType)> RawBody = Gen.Select(
        Gen.OneOf(
            Gen.Byte.Array[0, 300],
            CustomerBody.Select(json => Encoding.UTF8.GetBytes(json).Concat(new byte[] { 0xC3, 0x28, 0xFF }).ToArray()),
            CustomerBody.Select(json => Encoding.Unicode.GetBytes(json))),
        Gen.OneOf("application/json", "text/plain", "application/x-www-form-urlencoded", "application/octet-stream", "multipart/form-data; boundary=x"));

    [Fact]
    public async Task No_raw_body_under_any_content_type_gets_a_5xx()
    {
        var api = app.ApiClient();

        await RawBody.SampleAsync(async sample =>
        {
            using var content = new ByteArrayContent(sample.Body);
            content.Headers.TryAddWithoutValidation("Content-Type", sample.ContentType);
            using var response = await api.PostAsync("/api/v1/customers", content);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();

            Assert.True(status is 201 or 400 or 409 or 422, $"{status} for {Convert.ToHexString(sample.Body)} as {sample.ContentType}: {text}\nApp errors:\n{string.Join("\n", app.LoggedErrors)}");
            if (status != 201) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }, iter: 500, threads: 2);
    }
}
