using BackOffice.Core.Customers;
using FluentValidation.Results;

namespace BackOffice.Core;

public enum ServiceResultKind
{
    Succeeded,
    /// <summary>Field values are wrong; <see cref="ServiceResult{T}.Errors"/> says which, keyed by property path.</summary>
    Invalid,
    NotFound,
    /// <summary>The actor may not do this (role, or the four-eyes rule).</summary>
    Forbidden,
    /// <summary>The data says no: a taken email, an illegal transition, someone else decided first.</summary>
    Conflict,
    /// <summary>An upload over its size limit.</summary>
    TooLarge,
}

/// <summary>What a service call came to. Services return this instead of throwing for anything a user can cause.</summary>
public sealed record ServiceResult<T>
{
    public ServiceResultKind Kind { get; private init; }
    public T? Value { get; private init; }
    /// <summary>A sentence for a person, for anything but success.</summary>
    public string? Message { get; private init; }
    /// <summary>Field errors keyed by property path (<c>BillingAddress.ZipCode</c>).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private init; } = new Dictionary<string, string[]>();
    /// <summary>The property paths among <see cref="Errors"/> that are absent or blank (rather than present but wrong).</summary>
    public IReadOnlySet<string> MissingFields { get; private init; } = new HashSet<string>();
    /// <summary>A short machine-readable reason for a conflict (<c>customer_not_active</c>), for the API's problem type.</summary>
    public string? Code { get; private init; }
    /// <summary>For a taken email: the customer who has it.</summary>
    public Guid? ExistingCustomerId { get; private init; }

    public bool Succeeded => Kind == ServiceResultKind.Succeeded;

    public static ServiceResult<T> Ok(T value) => new() { Kind = ServiceResultKind.Succeeded, Value = value };

    public static ServiceResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors, string message = "Some fields are invalid.") =>
        new() { Kind = ServiceResultKind.Invalid, Errors = errors, Message = message };

    /// <summary>A failed validation: every field's messages, and which fields were missing altogether.</summary>
    public static ServiceResult<T> Invalid(ValidationResult validation) =>
        new()
        {
            Kind = ServiceResultKind.Invalid,
            Errors = validation.ToDictionary().AsReadOnly(),
            MissingFields = validation.Errors.Where(e => e.ErrorCode == ValidationCodes.Required).Select(e => e.PropertyName).ToHashSet(),
            Message = "Some fields are invalid.",
        };

    public static ServiceResult<T> TooLarge(string message) => new() { Kind = ServiceResultKind.TooLarge, Message = message };

    /// <summary>Marks <paramref name="field"/> as missing rather than wrong (the API's 400 rather than 422).</summary>
    public ServiceResult<T> WithMissing(string field) => this with { MissingFields = new HashSet<string>(MissingFields) { field } };

    /// <summary>Every field error as present-but-wrong: a patch that blanks a required field is a 422, not a missing field (400).</summary>
    public ServiceResult<T> WithoutMissing() => this with { MissingFields = new HashSet<string>() };

    public static ServiceResult<T> NotFound(string message) => new() { Kind = ServiceResultKind.NotFound, Message = message };

    public static ServiceResult<T> Forbidden(string message) => new() { Kind = ServiceResultKind.Forbidden, Message = message };

    public static ServiceResult<T> Conflict(string message, IReadOnlyDictionary<string, string[]>? errors = null, Guid? existingCustomerId = null, string? code = null) =>
        new() { Kind = ServiceResultKind.Conflict, Message = message, Errors = errors ?? new Dictionary<string, string[]>(), ExistingCustomerId = existingCustomerId, Code = code };
}
