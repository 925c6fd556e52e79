namespace BackOffice.Core.Import;

/// <summary>A row of an import file that is not imported, with every reason (each names its column: "zip_code: …").</summary>
public sealed record RejectedRow(ImportFileRow Row, IReadOnlyList<string> Reasons)
{
    public int Line => Row.Line;
}
