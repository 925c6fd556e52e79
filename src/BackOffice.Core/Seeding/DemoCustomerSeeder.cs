using BackOffice.Core.Dashboard;
using BackOffice.Core.Customers;
using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using Bogus;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PhoneNumbers;

namespace BackOffice.Core.Seeding;

/// <summary>
/// Realistic demo customers in every status, with their audit trails, so that a first run is not empty.
/// Every generated customer passes the real validators.
/// </summary>
public static class DemoCustomerSeeder
{
    private sealed record Market(string Country, string Locale, string[] States, Func<Faker, string> Zip);

    private static readonly Market[] Markets =
    [
        new("US", "en_US", ["CA", "NY", "TX", "WA", "IL"], f => f.Random.ReplaceNumbers("#####")),
        new("GB", "en_GB", ["England", "Scotland", "Wales"], f => f.PickRandom("SW1A 1AA", "EC1A 1BB", "W1A 0AX", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "LS1 4AP")),
        new("DE", "de", ["Berlin", "Bayern", "Hessen", "Hamburg"], f => f.Random.ReplaceNumbers("1####")),
        new("FR", "fr", ["Île-de-France", "Occitanie", "Bretagne"], f => f.Random.ReplaceNumbers("7####")),
        new("NL", "nl", ["Noord-Holland", "Utrecht", "Zuid-Holland"], f => f.Random.ReplaceNumbers("1###") + " " + f.PickRandom("AB", "CD", "EF", "GH", "KL")),
        new("CA", "en_CA", ["ON", "QC", "BC"], f => f.PickRandom("K1A 0B1", "M5V 3L9", "H2Y 1C6", "V6B 4Y8")),
        new("IN", "en_IND", ["Maharashtra", "Karnataka", "Delhi"], f => f.Random.ReplaceNumbers("56####")),
        new("BR", "pt_BR", ["SP", "RJ", "MG"], f => f.Random.ReplaceNumbers("0####-###")),
        new("JP", "ja", ["Tokyo", "Osaka", "Kyoto"], f => f.Random.ReplaceNumbers("1##-####")),
        new("AU", "en_AU", ["NSW", "VIC", "QLD"], f => f.Random.ReplaceNumbers("2###")),
    ];

    public static async Task SeedAsync(IDbContextFactory<BackOfficeDbContext> dbFactory, int count, Actor creator, Actor reviewer, TimeProvider clock, int randomSeed = 20261125, CancellationToken ct = default)
    {
        if (count <= 0) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Customers.AnyAsync(ct)) return;

        var validator = new NewCustomerValidator();
        var random = new Randomizer(randomSeed);
        var phones = PhoneNumberUtil.GetInstance();
        var now = clock.GetUtcNow().UtcDateTime;
        var emails = new HashSet<string>();
        var added = 0;

        for (var attempt = 0; added < count && attempt < count * 5; attempt++)
        {
            var market = random.ArrayElement(Markets);
            var faker = new Faker(market.Locale) { Random = new Randomizer(random.Int()) };
            var input = new NewCustomer
            {
                FirstName = faker.Name.FirstName(),
                LastName = faker.Name.LastName(),
                Phone = DemoPhone(phones, market.Country, faker),
                Type = faker.Random.Bool(0.8f) ? CustomerType.Individual : CustomerType.Business,
                BillingAddress = new NewBillingAddress
                {
                    Line1 = faker.Address.StreetAddress(),
                    Line2 = faker.Random.Bool(0.2f) ? faker.Address.SecondaryAddress() : null,
                    City = faker.Address.City(),
                    State = faker.PickRandom(market.States),
                    ZipCode = market.Zip(faker),
                    Country = market.Country,
                },
            };
            input.Email = $"{Ascii(input.FirstName)}.{Ascii(input.LastName)}{added}@example.com";
            if (!validator.Validate(input).IsValid || !emails.Add(input.Email.ToLowerInvariant())) continue;

            // Spread over the last 60 days, a few of them created in the last hours.
            var createdAt = now - TimeSpan.FromMinutes(faker.Random.Double() < 0.1 ? faker.Random.Int(5, 600) : faker.Random.Int(60, 60 * 24 * 60));
            var customer = CustomerService.Normalize(input, creator, createdAt);
            db.Customers.Add(customer);
            db.CustomerAudit.Add(Audit(customer.Id, CustomerAuditActions.Created, null, CustomerStatus.PendingKyc, creator, customer.CreatedAt, null));

            // Roughly: a quarter still pending, most approved, some rejected, a few suspended.
            var roll = faker.Random.Double();
            var decidedAt = customer.CreatedAt + TimeSpan.FromMinutes(faker.Random.Int(20, 60 * 24 * 4));
            if (roll < 0.25 || decidedAt > now) { added++; continue; }
            if (roll < 0.35)
            {
                customer.Status = CustomerStatus.Rejected;
                db.CustomerAudit.Add(Audit(customer.Id, CustomerAuditActions.KycRejected, CustomerStatus.PendingKyc, CustomerStatus.Rejected, reviewer, decidedAt,
                    faker.PickRandom("Identity document expired", "Address could not be verified", "Sanctions list match", "Document does not match applicant")));
                added++;
                continue;
            }
            customer.Status = CustomerStatus.Active;
            db.CustomerAudit.Add(Audit(customer.Id, CustomerAuditActions.KycApproved, CustomerStatus.PendingKyc, CustomerStatus.Active, reviewer, decidedAt, null));
            var suspendedAt = decidedAt + TimeSpan.FromHours(faker.Random.Int(1, 200));
            if (roll > 0.93 && suspendedAt < now)
            {
                customer.Status = CustomerStatus.Suspended;
                db.CustomerAudit.Add(Audit(customer.Id, CustomerAuditActions.Suspended, CustomerStatus.Active, CustomerStatus.Suspended, reviewer, suspendedAt,
                    faker.PickRandom("Chargeback investigation", "Unusual activity reported", "Customer request")));
            }
            added++;
        }

        await db.SaveChangesAsync(ct);
        await StatusCounts.RecountAsync(db, ct);
        await DailyCounts.RecountAsync(db, ct);
    }

    private static CustomerAuditEntry Audit(Guid customerId, string action, CustomerStatus? from, CustomerStatus to, Actor actor, DateTime at, string? reason) => new()
    {
        CustomerId = customerId,
        Action = action,
        FromStatus = from,
        ToStatus = to,
        ActorId = actor.Id,
        ActorName = actor.Name,
        At = Timestamps.ToStoredPrecision(at),
        Reason = reason,
    };

    /// <summary>The country's example mobile number with its last digits varied, kept only if still valid.</summary>
    private static string DemoPhone(PhoneNumberUtil phones, string country, Faker faker)
    {
        var example = phones.GetExampleNumberForType(country, PhoneNumberType.MOBILE);
        var digits = example.NationalNumber.ToString();
        for (var i = 0; i < 10; i++)
        {
            var varied = digits[..^3] + faker.Random.ReplaceNumbers("###");
            var candidate = phones.Parse($"+{example.CountryCode}{varied}", null);
            if (phones.IsValidNumber(candidate)) return phones.Format(candidate, PhoneNumberFormat.INTERNATIONAL);
        }
        return phones.Format(example, PhoneNumberFormat.INTERNATIONAL);
    }

    private static string Ascii(string name)
    {
        var key = ContactRules.SearchKey(name);
        var ascii = new string(key.Where(c => c is >= 'a' and <= 'z').ToArray());
        return ascii.Length > 0 ? ascii : "customer";
    }
}
