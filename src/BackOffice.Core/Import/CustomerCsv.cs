using System.Text;
using BackOffice.Core.Customers;
using CsvHelper;

namespace BackOffice.Core.Import;

/// <summary>
/// Reads an import file: UTF-8 CSV (a byte-order mark is fine) with a header of the contract's field names. What makes
/// the whole file unreadable (not UTF-8, a header that is not ours, broken quoting) is a file error and nothing is
/// imported; what is wrong with one row (a value missing, too many values) is that row's problem.
/// </summary>
public static class CustomerCsv
{
    /// <summary>The file's rows, or why the file cannot be read at all.</summary>
    public sealed record Result(IReadOnlyList<ImportFileRow> Rows, IReadOnlyList<RejectedRow> Malformed, string? FileError)
    {
        public static Result Refused(string error) => new([], [], error);
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Result Read(byte[] content)
    {
        var text = content.AsMemory();
        if (text.Span.StartsWith(Encoding.UTF8.Preamble)) text = text[Encoding.UTF8.Preamble.Length..];
        if (NotUtf8At(text.Span) is { } offset)
            return Result.Refused($"The file is not UTF-8 text (the byte at position {offset:N0} is not UTF-8). " +
                                  "Save it as \"CSV UTF-8\" and upload it again.");
        if (text.Span.Trim(" \t\r\n"u8).IsEmpty) return Result.Refused("The file is empty: it needs a header row and at least one customer.");

        try
        {
            using var reader = CsvReader.Create(text, CsvReaderOptions.Default with
            {
                Separator = ',',
                MalformedData = CsvMalformedDataHandling.Throw,
                TrackLineNumbers = true,
            });
            var header = reader.Headers;
            var columns = MapHeader(header, out var headerError);
            if (headerError is not null) return Result.Refused(headerError);

            var rows = new List<ImportFileRow>();
            var malformed = new List<RejectedRow>();
            while (reader.Read())
            {
                var line = checked((int)reader.LineNumber);
                var values = new string?[ImportColumns.All.Count];
                for (var i = 0; i < Math.Min(reader.FieldCount, header.Count); i++)
                {
                    if (columns[i] is { } column) values[column] = reader.GetString(i);
                }
                if (values.All(string.IsNullOrWhiteSpace) && reader.FieldCount <= header.Count) continue; // ",,,," rows spreadsheets leave behind
                var row = new ImportFileRow(line, values);
                if (reader.FieldCount != header.Count)
                    malformed.Add(new RejectedRow(row, [$"has {reader.FieldCount} values but the header has {header.Count} columns"]));
                else rows.Add(row);
            }
            if (rows.Count == 0 && malformed.Count == 0) return Result.Refused("The file has a header but no customers.");
            return new Result(rows, malformed, null);
        }
        catch (CsvFormatException e)
        {
            var where = e.LineNumber > 0 ? $" at line {e.LineNumber:N0}" : "";
            return Result.Refused($"The file is not valid CSV{where}: a quote is not closed or stands in the middle of a value. " +
                                  "Put values that contain commas or quotes in double quotes, and double the quotes inside them.");
        }
    }

    /// <summary>For each column of the file, its index in <see cref="ImportColumns.All"/>; null when the header is not acceptable.</summary>
    private static int?[] MapHeader(IReadOnlyList<string> header, out string? error)
    {
        error = null;
        var map = new int?[header.Count];
        var unknown = new List<string>();
        var seen = new HashSet<string>();
        var repeated = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            if (ImportColumns.Recognise(header[i]) is not { } column)
            {
                unknown.Add(header[i]);
                continue;
            }
            if (!seen.Add(column)) repeated.Add(column);
            map[i] = ImportColumns.IndexOf(column);
        }
        var missing = ImportColumns.All.Where(c => !seen.Contains(c) && !ImportColumns.Optional.Contains(c)).ToList();
        var problems = new List<string>();
        if (missing.Count > 0) problems.Add($"missing column{(missing.Count > 1 ? "s" : "")} {Names(missing)}");
        if (unknown.Count > 0) problems.Add($"unknown column{(unknown.Count > 1 ? "s" : "")} {Names(unknown.Select(u => PlainText.Cut(PlainText.WithoutControlCharacters(u), 40)))}");
        if (repeated.Count > 0) problems.Add($"column{(repeated.Count > 1 ? "s" : "")} {Names(repeated)} more than once");
        if (problems.Count == 0) return map;

        var hint = header.Count == 1 && header[0].Contains(';') ? " Columns must be separated by commas, not semicolons." : "";
        error = $"The header row is not right: {string.Join("; ", problems)}. The first row must name the columns " +
                $"{Names(ImportColumns.All)} (line2 may be left out; address columns may also be written billing_address.line1 and so on).{hint}";
        return map;
    }

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));

    /// <summary>The position of the first byte that is not valid UTF-8, or null when all of it is.</summary>
    private static long? NotUtf8At(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return null;
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return 0;
        }
        catch (DecoderFallbackException e)
        {
            return e.Index + 1;
        }
    }
}
