using System.Text.Json;
using BackOffice.Core.Api;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Api;

/// <summary>Reads a POST body as raw bytes (capped, for 413) and parses it as one JSON object (else 400).</summary>
public static class RequestBody
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    public static async Task<(byte[]? Bytes, ApiResponse? Problem)> ReadAsync(HttpContext context)
    {
        var max = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxBodyBytes;
        if (context.Request.ContentLength > max) return (null, Problems.TooLarge(max));

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > max) return (null, Problems.TooLarge(max));
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            // Broken framing (a bad chunk), a body that arrives too slowly, or over the server's own limit: the client's fault, not a 500.
            return (null, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problems.TooLarge(max)
                : Problems.MalformedBody($"The request body could not be read: {e.Message}") with { StatusCode = e.StatusCode is >= 400 and < 500 ? e.StatusCode : 400 });
        }
        return (buffer.ToArray(), null);
    }

    public static (JsonDocument? Document, ApiResponse? Problem) ParseObject(byte[] body)
    {
        if (body.Length == 0) return (null, Problems.MalformedBody("The request has no body; send a JSON object."));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, ParseOptions);
        }
        catch (JsonException e)
        {
            return (null, Problems.MalformedBody($"The body is not valid JSON: {FirstSentence(e.Message)}"));
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, Problems.MalformedBody("The body must be a JSON object."));
        }
        return (document, null);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
