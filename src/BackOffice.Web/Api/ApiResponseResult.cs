using System.Text;
using BackOffice.Core.Api;

namespace BackOffice.Web.Api;

/// <summary>Writes an <see cref="ApiResponse"/> to the wire. Every API answer goes out this way, so a replay is byte-for-byte the first answer.</summary>
public static class ApiResponseResult
{
    public static IResult ToResult(this ApiResponse response, bool replayed = false) => new Writer(response, replayed);

    public static Task WriteAsync(this ApiResponse response, HttpContext context) => new Writer(response, false).ExecuteAsync(context);

    public static ApiResponse Json<T>(int status, T value, string? location = null) =>
        new(status, "application/json", ApiJson.Serialize(value), location);

    private sealed class Writer(ApiResponse response, bool replayed) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = response.StatusCode;
            context.Response.ContentType = response.ContentType + "; charset=utf-8";
            if (response.Location is not null) context.Response.Headers.Location = response.Location;
            if (replayed) context.Response.Headers["Idempotent-Replayed"] = "true";
            await context.Response.WriteAsync(response.Body, Encoding.UTF8);
        }
    }
}
