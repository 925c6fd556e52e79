namespace BackOffice.Core.Documents;

/// <summary>What comes with an uploaded file: its kind, optional side, and the name it had.</summary>
public sealed class NewDocument
{
    public DocumentKind? Kind { get; set; }
    public DocumentSide? Side { get; set; }
    public string? FileName { get; set; }
}
