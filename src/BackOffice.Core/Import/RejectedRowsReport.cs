using CsvHelper;

namespace BackOffice.Core.Import;

/// <summary>
/// The rejected rows of an import as CSV, for fixing them in a spreadsheet and importing them again: the line, the
/// reasons, then the row's values under the file's column names. Every cell is defused like the customer export's
/// (a value that starts like a formula gets a leading apostrophe): the rows are rejected, among other reasons, for
/// carrying formulas, and the report must not run them.
/// </summary>
public static class RejectedRowsReport
{
    public static readonly IReadOnlyList<string> Header = ["line", "reasons", .. ImportColumns.All];

    public static string FileName(string importedFile) => $"{Path.GetFileNameWithoutExtension(importedFile)}-rejected.csv";

    public static async Task WriteAsync(IEnumerable<RejectedRow> rows, Stream output, CancellationToken ct = default)
    {
        // UTF-8 with a byte-order mark, so that spreadsheet programs read non-Latin names correctly.
        await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);
        await csv.WriteRecordAsync(Header.ToArray(), ct);
        foreach (var row in rows)
        {
            string[] fields = [row.Line.ToString(System.Globalization.CultureInfo.InvariantCulture),
                SpreadsheetFormulas.Defuse(string.Join("; ", row.Reasons)), .. row.Row.Values.Select(SpreadsheetFormulas.Defuse)];
            await csv.WriteRecordAsync(fields, ct);
        }
        await csv.FlushAsync(ct);
    }
}
