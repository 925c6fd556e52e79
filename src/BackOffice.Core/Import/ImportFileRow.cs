namespace BackOffice.Core.Import;

/// <summary>
/// One data row of an import file as it was written: its line in the file (the header is line 1, as a spreadsheet
/// numbers rows) and its values in the order of <see cref="ImportColumns.All"/> (null for a column the file lacks).
/// </summary>
public sealed record ImportFileRow(int Line, string?[] Values)
{
    public string? this[string column] => Values[ImportColumns.IndexOf(column)];
}
