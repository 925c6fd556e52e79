using FluentValidation;

namespace BackOffice.Core.Webhooks;

/// <summary>A webhook endpoint as a partner asks for it.</summary>
public sealed class NewWebhookEndpoint
{
    public string? Url { get; set; }
    public string[]? Events { get; set; }
}

/// <summary>The shape of a new endpoint; whether its target is safe is the service's to check (it needs DNS).</summary>
public sealed class NewWebhookEndpointValidator : AbstractValidator<NewWebhookEndpoint>
{
    public NewWebhookEndpointValidator()
    {
        RuleFor(e => e.Url).Must(u => !string.IsNullOrWhiteSpace(u)).WithMessage("is required").WithErrorCode(Customers.ValidationCodes.Required)
            .MaximumLength(WebhookRules.MaxUrlLength).WithMessage($"must be at most {WebhookRules.MaxUrlLength} characters");
        RuleFor(e => e.Events).Must(e => e is { Length: > 0 }).WithMessage("is required").WithErrorCode(Customers.ValidationCodes.Required)
            .Must(e => e!.All(WebhookRules.EventTypes.Contains)).WithMessage($"must list event types of the contract: {string.Join(", ", WebhookRules.EventTypes)}")
            .When(e => e.Events is { Length: > 0 }, ApplyConditionTo.CurrentValidator);
    }
}
