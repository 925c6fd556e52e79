namespace BackOffice.Core.Documents;

/// <summary>
/// Compliance asked a customer for documents: which kinds, and a message. The customer waits in awaiting_documents
/// until a document of every kind asked for has come in after the request (<see cref="FulfilledAt"/>).
/// </summary>
public sealed class DocumentRequest
{
    public long Id { get; init; }
    public Guid CustomerId { get; init; }
    /// <summary>The kinds asked for, as their wire names separated by commas.</summary>
    public required string Kinds { get; init; }
    public required string Message { get; init; }
    public DateTime RequestedAt { get; init; }
    public required string RequestedById { get; init; }
    public required string RequestedByName { get; init; }
    public DateTime? FulfilledAt { get; set; }

    public IReadOnlyList<DocumentKind> KindList() =>
        Kinds.Split(',').Select(k => DocumentNames.TryParseKind(k, out var kind) ? kind : DocumentKind.Other).ToList();
}

/// <summary>A document's bytes, when they are kept in the database (the default storage).</summary>
public sealed class DocumentContent
{
    public Guid DocumentId { get; init; }
    public byte[] Content { get; init; } = [];
}
