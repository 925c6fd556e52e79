using BackOffice.Core.Api;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Api;

/// <summary>What the filters need of any request body, whatever its record.</summary>
public interface IApiBody
{
    byte[] Bytes { get; }
    /// <summary>413 or 400 when the body could not be read as one JSON object; null otherwise.</summary>
    IResult? Unreadable { get; }
    bool TooLarge { get; }
    /// <summary>Values whose JSON type was wrong, keyed by JSON path (422, reported with the validator's findings).</summary>
    IReadOnlyDictionary<string, string[]> TypeErrors { get; }
    IApiRequest? Request { get; }
    /// <summary>The service's input, set by <see cref="ApiValidation.Filter"/> once the body has passed.</summary>
    object? Command { get; set; }
}

/// <summary>
/// The one reader of request bodies, bound before the endpoint runs: at most <c>Api:MaxBodyBytes</c> bytes (else 413,
/// before the rest is read), one JSON object (else 400), read into the wire record <typeparamref name="T"/> by its
/// snake_case property names. It judges only JSON types; every rule about the values is the validator's.
/// </summary>
public sealed class ApiBody<T> : IApiBody, IEndpointParameterMetadataProvider where T : class, IApiRequest, new()
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    public byte[] Bytes { get; private init; } = [];
    public IResult? Unreadable { get; private init; }
    public bool TooLarge { get; private init; }
    public IReadOnlyDictionary<string, string[]> TypeErrors { get; private init; } = new Dictionary<string, string[]>();
    public T? Request { get; private init; }
    IApiRequest? IApiBody.Request => Request;

    public object? Command { get; set; }

    /// <summary>The service's input; there once the filters have let the request through.</summary>
    public TCommand CommandAs<TCommand>() => (TCommand)(Command ?? throw new InvalidOperationException("The body was not validated (ApiValidation.Filter)."));

    public static async ValueTask<ApiBody<T>?> BindAsync(HttpContext context)
    {
        var max = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxBodyBytes;
        if (context.Request.ContentLength > max) return new ApiBody<T> { Unreadable = Problems.TooLarge(max), TooLarge = true };

        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > max) return new ApiBody<T> { Unreadable = Problems.TooLarge(max), TooLarge = true };
                buffer.Write(chunk, 0, read);
            }
            bytes = buffer.ToArray();
        }
        catch (BadHttpRequestException e)
        {
            // Broken framing, a body that arrives too slowly, or over the server's own limit: the client's fault, not a 500.
            return e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? new ApiBody<T> { Unreadable = Problems.TooLarge(max), TooLarge = true }
                : new ApiBody<T> { Unreadable = Problems.MalformedBody($"The request body could not be read: {e.Message}", e.StatusCode is >= 400 and < 500 ? e.StatusCode : 400) };
        }

        if (bytes.Length == 0) return new ApiBody<T> { Bytes = bytes, Unreadable = Problems.MalformedBody("The request has no body; send a JSON object.") };
        try
        {
            using var document = JsonDocument.Parse(bytes, ParseOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return new ApiBody<T> { Bytes = bytes, Unreadable = Problems.MalformedBody("The body must be a JSON object.") };
            var typeErrors = new Dictionary<string, string[]>();
            var nullPaths = new HashSet<string>();
            var request = (T)JsonWire.ReadObject(typeof(T), document.RootElement, "", typeErrors, nullPaths);
            if (request is IMergePatchRequest patch) patch.NullPaths = nullPaths;
            return new ApiBody<T> { Bytes = bytes, Request = request, TypeErrors = typeErrors };
        }
        catch (JsonException e)
        {
            return new ApiBody<T> { Bytes = bytes, Unreadable = Problems.MalformedBody($"The body is not valid JSON: {FirstSentence(e.Message)}") };
        }
    }

    /// <summary>
    /// Tells the OpenAPI document that the body is a <typeparamref name="T"/> in JSON. Not as AcceptsMetadata: routing
    /// would then refuse other content types with 415 before the endpoint could judge the body.
    /// </summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new ApiRequestBody(typeof(T)));

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}

/// <summary>Endpoint metadata: the wire record of the endpoint's JSON body (for the OpenAPI document).</summary>
public sealed record ApiRequestBody(Type Type);

/// <summary>Reads a JSON object into a wire record: string properties from JSON strings, record properties from objects.</summary>
internal static class JsonWire
{
    /// <summary>Properties set to JSON null are left unset and their paths added to <paramref name="nullPaths"/> (a merge patch clears them).</summary>
    public static object ReadObject(Type type, JsonElement json, string path, Dictionary<string, string[]> typeErrors, ISet<string> nullPaths)
    {
        var target = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.Name != nameof(IMergePatchRequest.NullPaths)))
        {
            var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            var propertyPath = path.Length == 0 ? name : $"{path}.{name}";
            if (!json.TryGetProperty(name, out var value)) continue;
            if (value.ValueKind == JsonValueKind.Null)
            {
                nullPaths.Add(propertyPath);
                continue;
            }
            property.SetValue(target, property.PropertyType == typeof(string) ? ReadString(value, propertyPath, typeErrors)
                : property.PropertyType == typeof(string[]) ? ReadStrings(value, propertyPath, typeErrors)
                : ReadNested(property.PropertyType, value, propertyPath, typeErrors, nullPaths));
        }
        return target;
    }

    private static object? ReadNested(Type type, JsonElement value, string path, Dictionary<string, string[]> typeErrors, ISet<string> nullPaths)
    {
        // A blank string where an object belongs counts as null: in a create the validator then reports it required
        // (400, not 422); in a merge patch it clears the object, which a required one refuses (422).
        if (value.ValueKind == JsonValueKind.String && TryGetString(value) is { } text && string.IsNullOrWhiteSpace(text))
        {
            nullPaths.Add(path);
            return null;
        }
        if (value.ValueKind == JsonValueKind.Object) return ReadObject(type, value, path, typeErrors, nullPaths);
        typeErrors[path] = ["must be an object"];
        return Activator.CreateInstance(type); // present, so not "missing"; its fields are shadowed by this error
    }

    /// <summary>A value of another JSON type is an error of its own (422) and is passed on as its JSON text, so that the
    /// validator does not mistake it for a missing field.</summary>
    private static string ReadString(JsonElement value, string path, Dictionary<string, string[]> typeErrors)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            typeErrors[path] = ["must be a string"];
            return value.GetRawText();
        }
        if (TryGetString(value) is { } text) return text;
        // An escaped lone surrogate ("\ud800") is valid JSON but not text.
        typeErrors[path] = ["must be valid Unicode text"];
        return "?";
    }

    /// <summary>An array of strings; anything else (or an element of another type) is a type error on the field.</summary>
    private static string[] ReadStrings(JsonElement value, string path, Dictionary<string, string[]> typeErrors)
    {
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || TryGetString(e) is null))
        {
            typeErrors[path] = ["must be an array of strings"];
            return ["?"];
        }
        return value.EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    private static string? TryGetString(JsonElement value)
    {
        try { return value.GetString(); }
        catch (InvalidOperationException) { return null; }
    }
}
