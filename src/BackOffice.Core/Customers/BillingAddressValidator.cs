using BackOffice.Core.Reference;
using FluentValidation;

namespace BackOffice.Core.Customers;

public sealed class BillingAddressValidator : AbstractValidator<NewBillingAddress>
{
    public BillingAddressValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(a => a.Line1).Required().MaxTrimmed(FieldLimits.AddressLine).PlainText();
        RuleFor(a => a.Line2).MaxTrimmed(FieldLimits.AddressLine).PlainText();
        RuleFor(a => a.City).Required().MaxTrimmed(FieldLimits.City).PlainText();
        RuleFor(a => a.State).Required().MaxTrimmed(FieldLimits.State).PlainText();

        RuleFor(a => a.Country)
            .Required()
            .Must(Countries.IsKnown).WithMessage("must be an ISO 3166-1 alpha-2 code");

        RuleFor(a => a.ZipCode)
            .Required()
            .MaxTrimmed(FieldLimits.ZipCode)
            .PlainText()
            .Must((address, zip) => PostalCodeFormats.Matches(address.Country!.Trim(), zip!.Trim()))
            .When(a => Countries.IsKnown(a.Country), ApplyConditionTo.CurrentValidator)
            .WithMessage(a => $"must be a valid postal code for {Countries.NameOf(a.Country)} (e.g. {PostalCodeFormats.ExampleFor(a.Country!.Trim())})");
    }
}
