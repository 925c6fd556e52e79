using BackOffice.Core.Customers;
using BackOffice.Core.Reference;
using FluentValidation;

namespace BackOffice.Core.Wallets;

/// <summary>The field rules of a new wallet, shared by the customer page and POST /api/v1/wallets.</summary>
public sealed class NewWalletValidator : AbstractValidator<NewWallet>
{
    public NewWalletValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(w => w.CustomerId)
            .NotNull().WithMessage("is required").WithErrorCode(ValidationCodes.Required);

        RuleFor(w => w.Currency)
            .Required()
            .Must(Currencies.IsKnown).WithMessage("must be an ISO 4217 currency code, e.g. USD");
    }
}
