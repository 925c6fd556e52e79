using BackOffice.Core.Api;
using System.ComponentModel;
using BackOffice.Core;
using BackOffice.Core.Customers;
using Microsoft.AspNetCore.Mvc;

namespace BackOffice.Web.Api;

/// <summary>
/// The query of GET /api/v1/customers as it arrives (text), so that a bad value gets a 422 naming it rather than the
/// framework's bare 400. <see cref="ToListQuery"/> judges it.
/// </summary>
public sealed record ListCustomersQuery
{
    public const int DefaultLimit = 20;

    [FromQuery(Name = "status")]
    [Description("Only customers in this status.")]
    public string? Status { get; init; }

    [FromQuery(Name = "limit"), Description("Page size, 1–100 (default 20).")]
    public string? Limit { get; init; }

    [FromQuery(Name = "starting_after"), Description("Cursor: the id of the last customer of the previous page.")]
    public string? StartingAfter { get; init; }

    public (CustomerListQuery Query, Dictionary<string, string[]> Errors) ToListQuery()
    {
        var errors = new Dictionary<string, string[]>();
        CustomerStatus? status = null;
        if (Status is not null)
        {
            if (CustomerStatusNames.TryParseWire(Status, out var parsed)) status = parsed;
            else errors["status"] = [$"must be one of {string.Join(", ", CustomerStatusNames.InWorkflowOrder.Select(s => s.ToWire()))}"];
        }
        var pageSize = DefaultLimit;
        if (Limit is not null && (!int.TryParse(Limit, out pageSize) || pageSize < 1 || pageSize > FieldLimits.PageSize))
            errors["limit"] = [$"must be a whole number from 1 to {FieldLimits.PageSize}"];
        Guid? cursor = null;
        if (StartingAfter is not null)
        {
            if (Guid.TryParse(StartingAfter, out var id)) cursor = id;
            else errors["starting_after"] = ["must be a customer id"];
        }
        return (new CustomerListQuery { Status = status, PageSize = pageSize, StartingAfter = cursor }, errors);
    }
}
