using BackOffice.Core.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BackOffice.Core.Data;

/// <summary>Hand-written SQL for the Partners migration, one helper for both engines.</summary>
public static class PartnerBackfill
{
    /// <summary>Customers created with an API key before partners existed belong to the default partner, as their keys do.</summary>
    public static void AssignApiCustomersToDefaultPartner(this MigrationBuilder migration)
    {
        var partner = migration.IsNpgsql() ? $"'{Partner.DefaultId}'::uuid" : $"'{Partner.DefaultId.ToString().ToUpperInvariant()}'";
        migration.Sql($"""UPDATE customers SET "PartnerId" = {partner} WHERE "CreatedById" LIKE 'api-key:%';""");
    }
}
