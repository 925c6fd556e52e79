using BackOffice.Core.Customers;

namespace BackOffice.Core.Import;

/// <summary>A row that passed every check of the preview, ready to be created.</summary>
public sealed record ImportRow(ImportFileRow Row, NewCustomer Customer);

/// <summary>
/// What an import file would do: its valid rows and its rejected rows with their reasons. Only
/// <see cref="CustomerImportService.PreviewAsync"/> makes one, so an import always runs the rows the preview judged.
/// </summary>
public sealed record ImportPreview
{
    internal ImportPreview(string fileName, string sha256, int rows, IReadOnlyList<ImportRow> valid, IReadOnlyList<RejectedRow> rejected, string? alreadyImported)
    {
        FileName = fileName;
        Sha256 = sha256;
        Rows = rows;
        Valid = valid;
        Rejected = rejected;
        AlreadyImported = alreadyImported;
    }

    public string FileName { get; }
    /// <summary>Lower-case hex SHA-256 of the file's bytes: the same file is imported once.</summary>
    public string Sha256 { get; }
    /// <summary>Data rows in the file (blank rows not counted).</summary>
    public int Rows { get; }
    public IReadOnlyList<ImportRow> Valid { get; }
    /// <summary>Ordered by line.</summary>
    public IReadOnlyList<RejectedRow> Rejected { get; }
    /// <summary>When this file was imported before (or is being imported now): a sentence saying so. Importing it creates nothing.</summary>
    public string? AlreadyImported { get; }
}

public sealed record ImportProgress(int Done, int Total, int Created);

public sealed record ImportedCustomer(Guid Id, string Name, int Line);

/// <summary>What an import did: the customers created (in file order) and every rejected row, the preview's and those refused while importing.</summary>
public sealed record ImportOutcome(string FileName, IReadOnlyList<ImportedCustomer> Created, IReadOnlyList<RejectedRow> Rejected);
