using System.Globalization;
using System.Security.Cryptography;
using BackOffice.Core.Customers;
using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Import;

/// <summary>
/// Bulk import of customers from a CSV file: a preview that judges every row with the same validator as the onboarding
/// form and the API (and checks emails against the file's other rows and the database), then the import of the valid
/// rows through <see cref="CustomerService.CreateManyAsync"/>, which validates, screens and audits each one again.
/// Agents and administrators only.
/// </summary>
public sealed partial class CustomerImportService(
    IDbContextFactory<BackOfficeDbContext> dbFactory,
    IValidator<NewCustomer> validator,
    CustomerService customers,
    TimeProvider clock)
{
    /// <summary>For the page's [Authorize]: the same people <see cref="MayImport"/> lets through.</summary>
    public const string AllowedRoles = Roles.Agent + "," + Roles.Admin;

    public const string AlreadyImportedCode = "already_imported";

    /// <summary>People who onboard customers; not partners' API keys (they have the API), nor compliance or managers.</summary>
    public static bool MayImport(Actor actor) => actor.PartnerId is null && actor.IsIn(Roles.Agent, Roles.Admin);

    private const string Forbidden = "Only agents and administrators can import customers.";

    public async Task<ServiceResult<ImportPreview>> PreviewAsync(Stream file, string? fileName, Actor actor, CancellationToken ct = default)
    {
        if (!MayImport(actor)) return ServiceResult<ImportPreview>.Forbidden(Forbidden);

        var content = await ReadAtMostAsync(file, ImportLimits.MaxFileBytes, ct);
        if (content is null)
            return ServiceResult<ImportPreview>.TooLarge(
                $"The file is larger than {ImportLimits.MaxFileSizeText}, the most one import may be. Split it into smaller files.");

        var csv = CustomerCsv.Read(content);
        if (csv.FileError is { } error)
            return ServiceResult<ImportPreview>.Invalid(new Dictionary<string, string[]> { ["file"] = [error] }, error);

        var valid = new List<ImportRow>(csv.Rows.Count);
        var rejected = new List<RejectedRow>(csv.Malformed);
        var lineByEmail = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in csv.Rows)
        {
            var customer = ToNewCustomer(row);
            var reasons = Formulas(row);
            foreach (var failure in validator.Validate(customer).Errors)
                reasons.Add($"{ImportColumns.ForProperty(failure.PropertyName)}: {failure.ErrorMessage}");
            if (reasons.Count == 0)
            {
                // The first valid row with an email keeps it; the service would refuse the later ones anyway.
                var email = ContactRules.NormalizeEmail(customer.Email!);
                if (lineByEmail.TryGetValue(email, out var first)) reasons.Add($"{ImportColumns.Email}: is also on line {first} of this file");
                else lineByEmail.Add(email, row.Line);
            }
            if (reasons.Count == 0) valid.Add(new ImportRow(row, customer));
            else rejected.Add(new RejectedRow(row, reasons));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var taken = await TakenEmailsAsync(db, lineByEmail.Keys, ct);
        if (taken.Count > 0)
        {
            rejected.AddRange(valid.Where(r => taken.Contains(ContactRules.NormalizeEmail(r.Customer.Email!)))
                .Select(r => new RejectedRow(r.Row, [$"{ImportColumns.Email}: is already used by an existing customer"])));
            valid.RemoveAll(r => taken.Contains(ContactRules.NormalizeEmail(r.Customer.Email!)));
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var previous = await db.CustomerImports.AsNoTracking().FirstOrDefaultAsync(i => i.Sha256 == sha256, ct);
        var alreadyImported = previous is not null && previous.Holds(clock.GetUtcNow().UtcDateTime) ? Describe(previous) : null;

        return ServiceResult<ImportPreview>.Ok(new ImportPreview(
            CleanFileName(fileName), sha256, csv.Rows.Count + csv.Malformed.Count, valid, rejected.OrderBy(r => r.Line).ToList(), alreadyImported));
    }

    /// <summary>
    /// A value that starts like a spreadsheet formula is refused, as a reason of its row (not of the whole file): the
    /// other rows are fine, and the rejected-rows report shows the cell. Only the phone's "+" is allowed, because an
    /// international number starts with it (and is stored as E.164, which spreadsheets read as a number).
    /// </summary>
    private static List<string> Formulas(ImportFileRow row)
    {
        var reasons = new List<string>();
        for (var i = 0; i < row.Values.Length; i++)
        {
            var value = row.Values[i]?.Trim();
            if (!SpreadsheetFormulas.StartsLikeOne(value)) continue;
            var column = ImportColumns.All[i];
            if (column == ImportColumns.Phone && value![0] == '+') continue;
            reasons.Add($"{column}: starts with \"{value![0]}\", which a spreadsheet would run as a formula (no value may start with =, +, - or @)");
        }
        return reasons;
    }

    private static NewCustomer ToNewCustomer(ImportFileRow row)
    {
        var type = row[ImportColumns.Type]?.Trim();
        return new NewCustomer
        {
            FirstName = row[ImportColumns.FirstName],
            LastName = row[ImportColumns.LastName],
            Email = row[ImportColumns.Email],
            Phone = row[ImportColumns.Phone],
            // People type these in spreadsheets, so any case will do; other text becomes a value the validator refuses
            // with its own message ("must be individual or business").
            Type = string.IsNullOrEmpty(type) ? null
                : CustomerTypeNames.TryParseWire(type.ToLowerInvariant(), out var parsed) ? parsed : (CustomerType)(-1),
            BillingAddress = new NewBillingAddress
            {
                Line1 = row[ImportColumns.Line1],
                Line2 = row[ImportColumns.Line2],
                City = row[ImportColumns.City],
                State = row[ImportColumns.State],
                ZipCode = row[ImportColumns.ZipCode],
                Country = row[ImportColumns.Country],
            },
        };
    }

    private static async Task<HashSet<string>> TakenEmailsAsync(BackOfficeDbContext db, IEnumerable<string> emails, CancellationToken ct)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in emails.Chunk(ImportLimits.EmailLookupBatch))
            taken.UnionWith(await db.Customers.AsNoTracking().Where(c => batch.Contains(c.Email)).Select(c => c.Email).ToListAsync(ct));
        return taken;
    }

    /// <summary>The file's bytes, or null when there are more than <paramref name="max"/>: reading stops one byte past the limit.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream file, long max, CancellationToken ct)
    {
        using var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(buffer, ct)) > 0)
        {
            if (content.Length + read > max) return null;
            content.Write(buffer, 0, read);
        }
        return content.ToArray();
    }

    private static string CleanFileName(string? name)
    {
        var clean = PlainText.WithoutControlCharacters(Path.GetFileName((name ?? "").Replace('\\', '/'))).Trim();
        return clean.Length == 0 ? "import.csv" : PlainText.Cut(clean, FieldLimits.FileName);
    }

    private static string Describe(CustomerImport import) => import.Status == CustomerImport.Running
        ? $"This file is being imported by {import.ActorName} since {Format(import.StartedAt)}. Importing it again creates nothing."
        : $"This file was already imported by {import.ActorName} on {Format(import.StartedAt)}: {import.Created:N0} customers created, " +
          $"{import.Rejected:N0} rows rejected. Importing it again creates nothing.";

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
