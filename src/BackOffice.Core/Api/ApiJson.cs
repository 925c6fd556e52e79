using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using BackOffice.Core;

namespace BackOffice.Core.Api;

/// <summary>How the API writes JSON: snake_case names, RFC 3339 UTC timestamps with milliseconds.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // Served only as application/json, never inlined in HTML: "+447911123456" reads better than "\u002B447911123456".
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new Rfc3339UtcConverter());
        return options;
    }

    /// <summary>A service's property path (<c>BillingAddress.ZipCode</c>) as the request's JSON path (<c>billing_address.zip_code</c>).</summary>
    public static string ToJsonPath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.SnakeCaseLower.ConvertName));

    /// <summary>The reverse: a request's JSON path (<c>billing_address.line2</c>) as the service's property path.</summary>
    public static string ToPropertyPath(string jsonPath) =>
        string.Join('.', jsonPath.Split('.').Select(segment =>
            string.Concat(segment.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(word => char.ToUpperInvariant(word[0]) + word[1..]))));

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    private sealed class Rfc3339UtcConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Timestamps.ParseUtc(reader.GetString()) ?? throw new JsonException("Not an RFC 3339 timestamp.");

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Timestamps.ToRfc3339(value));
    }
}
