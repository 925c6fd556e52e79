namespace BackOffice.Core.Customers;

/// <summary>
/// A batch of creates that fell back to one commit per create (another writer took one of its emails) had some of them
/// committed before another threw. <see cref="Results"/> holds the answer of every create that has one (committed or
/// refused), in the batch's order; <see cref="Failures"/> the exception of each that threw, by its place in the batch.
/// The committed ones must not be tried again: their emails are now their own.
/// </summary>
public sealed class PartlyCommittedException(IReadOnlyList<ServiceResult<Customer>?> results, IReadOnlyDictionary<int, Exception> failures)
    : Exception($"{failures.Count} of a batch's creates failed after others were committed.", failures.Values.First())
{
    public IReadOnlyList<ServiceResult<Customer>?> Results { get; } = results;
    public IReadOnlyDictionary<int, Exception> Failures { get; } = failures;
}
