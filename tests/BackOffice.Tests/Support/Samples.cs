using BackOffice.Core.Customers;

namespace BackOffice.Tests.Support;

/// <summary>Valid inputs to start from; each test changes only what it is about.</summary>
public static class Samples
{
    private static int counter;

    public static NewCustomer Customer(string? email = null, string country = "GB", string zip = "SW1A 1AA") => new()
    {
        FirstName = "Ada",
        LastName = "Lovelace",
        Email = email ?? $"ada.{Interlocked.Increment(ref counter)}@example.com",
        Phone = "+44 7911 123456",
        Type = CustomerType.Individual,
        BillingAddress = new NewBillingAddress
        {
            Line1 = "1 Main St",
            City = "London",
            State = "London",
            ZipCode = zip,
            Country = country,
        },
    };
}
