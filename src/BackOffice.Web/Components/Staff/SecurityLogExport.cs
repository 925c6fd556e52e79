using BackOffice.Core;
using BackOffice.Core.Identity;
using BackOffice.Core.Staff;

namespace BackOffice.Web.Components.Staff;

/// <summary>GET /admin/security-log/export.csv: the security log page's filter as a CSV download (administrators only).</summary>
public static class SecurityLogExport
{
    public static void MapSecurityLogExport(this WebApplication app) =>
        app.MapGet("/admin/security-log/export.csv", ExportAsync).RequireAuthorization(policy => policy.RequireRole(Roles.Admin)).ExcludeFromDescription();

    private static async Task ExportAsync(HttpContext context, SecurityLog log, string? kind, string? q, string? from, string? to)
    {
        var query = new SecurityLogQuery
        {
            Kind = string.IsNullOrWhiteSpace(kind) ? null : kind,
            Search = string.IsNullOrWhiteSpace(q) ? null : q,
            From = Timestamps.ParseUtc(from),
            To = Timestamps.ParseUtc(to),
        };
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"security-log-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
        context.Response.Headers.CacheControl = "no-store";
        await log.ExportCsvAsync(query, context.Response.Body, Actor.FromPrincipal(context.User),
            context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
    }
}
