using FluentValidation;

namespace BackOffice.Core.Customers;

/// <summary>
/// Every field rule of the customers contract. The onboarding form and POST /api/v1/customers both use it;
/// rules that need the database (a taken email) live in <see cref="CustomerService"/>.
/// </summary>
public sealed class NewCustomerValidator : AbstractValidator<NewCustomer>
{
    public NewCustomerValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.FirstName).Name();
        RuleFor(c => c.LastName).Name();

        RuleFor(c => c.Email)
            .Required()
            .Must(e => e!.Trim().Length <= ContactRules.MaxEmailLength).WithMessage($"must be at most {ContactRules.MaxEmailLength} characters")
            .Must(ContactRules.IsValidEmail).WithMessage("must be a valid email address");

        RuleFor(c => c.Phone)
            .Required()
            .MaxTrimmed(FieldLimits.Phone)
            .Must(p => ContactRules.TryNormalizePhone(p, out _))
            .WithMessage("must be a valid international phone number with its country code, e.g. +44 7911 123456");

        RuleFor(c => c.Type)
            .NotNull().WithMessage(Messages.Required).WithErrorCode(ValidationCodes.Required)
            // Not IsInEnum: it reads the enum's attributes by reflection on every call, a hot path of every create.
            .Must(t => Enum.IsDefined(t!.Value)).WithMessage(CustomerTypeNames.InvalidMessage);

        RuleFor(c => c.BillingAddress)
            .NotNull().WithMessage(Messages.Required).WithErrorCode(ValidationCodes.Required)
            .SetValidator(new BillingAddressValidator());
    }
}

/// <summary>
/// Error codes that callers act on. <see cref="Required"/> marks a field that is absent or blank,
/// which the API answers with 400 rather than 422.
/// </summary>
public static class ValidationCodes
{
    public const string Required = "required";
}

internal static class Messages
{
    public const string Required = "is required";
    public static string TooLong(int max) => $"must be at most {max} characters";
}

internal static class Text
{
    public static bool IsPresent(string? value) => !string.IsNullOrWhiteSpace(value);
    public static int TrimmedLength(string? value) => value?.Trim().Length ?? 0;
}

internal static class NameRuleExtensions
{
    /// <summary>First and last names: required, ≤ 100 after trimming, letters of any script, spaces, hyphens, apostrophes.</summary>
    public static IRuleBuilderOptions<T, string?> Name<T>(this IRuleBuilder<T, string?> rule) =>
        rule
            .Required()
            .Must(n => Text.TrimmedLength(n) <= ContactRules.MaxNameLength).WithMessage(Messages.TooLong(ContactRules.MaxNameLength))
            .Must(ContactRules.IsValidName).WithMessage("may contain only letters, spaces, hyphens and apostrophes");
}

/// <summary>Rules shared by the customer and billing-address validators.</summary>
internal static class CommonRuleExtensions
{
    public static IRuleBuilderOptions<T, string?> Required<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(Text.IsPresent).WithMessage(Messages.Required).WithErrorCode(ValidationCodes.Required);

    public static IRuleBuilderOptions<T, string?> MaxTrimmed<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.Must(v => Text.TrimmedLength(v) <= max).WithMessage(Messages.TooLong(max));

    public static IRuleBuilderOptions<T, string?> PlainText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => !Core.PlainText.HasControlCharacters(v)).WithMessage(Core.PlainText.ControlCharactersMessage);
}
