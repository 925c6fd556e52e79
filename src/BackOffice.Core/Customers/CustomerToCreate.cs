using BackOffice.Core.Identity;

namespace BackOffice.Core.Customers;

/// <summary>
/// One customer to create in a batch: the form or request as entered, who creates it, work for the same transaction
/// (the API's idempotency answer) and, for an import, where it came from (kept in the creation's audit entry).
/// </summary>
public sealed record CustomerToCreate(NewCustomer Input, Actor Actor, BeforeCommit<Customer>? BeforeCommit = null, string? Source = null);
