using System.Collections;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace BackOffice.Web.Components.Validation;

/// <summary>
/// Connects an <see cref="EditForm"/> to the FluentValidation validator of its model (the documented
/// "validator component" pattern; the Blazored package is not available here).
/// <list type="bullet">
/// <item>A field is validated when it changes (for MudBlazor inputs: when it loses focus), and every field that
/// has changed before is re-checked too, so that an error clears as soon as it is fixed, also when the fix is in
/// another field (a zip code after its country changed).</item>
/// <item>Submitting validates everything.</item>
/// <item>A path such as <c>BillingAddress.ZipCode</c> becomes <c>FieldIdentifier(model.BillingAddress, "ZipCode")</c>,
/// so an input inside a sub-form component (<c>For="() =&gt; Address.ZipCode"</c>) shows its own error.</item>
/// <item><see cref="ShowErrors"/> adds errors the server found (a taken email); each stays until its field changes.</item>
/// </list>
/// </summary>
public sealed class FluentValidationValidator : ComponentBase, IDisposable
{
    private EditContext? editContext;
    private ValidationMessageStore? messages;
    private IValidator? validator;
    private readonly HashSet<FieldIdentifier> changedFields = [];
    private readonly Dictionary<FieldIdentifier, List<string>> serverErrors = [];

    [CascadingParameter]
    private EditContext? CurrentEditContext { get; set; }

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    /// <summary>The validator to use; by default the registered <c>IValidator&lt;TModel&gt;</c>.</summary>
    [Parameter]
    public IValidator? Validator { get; set; }

    protected override void OnParametersSet()
    {
        if (CurrentEditContext is null)
            throw new InvalidOperationException($"{nameof(FluentValidationValidator)} must be placed inside an EditForm.");
        if (ReferenceEquals(CurrentEditContext, editContext)) return;

        Detach();
        editContext = CurrentEditContext;
        messages = new ValidationMessageStore(editContext);
        validator = Validator ?? (IValidator)Services.GetRequiredService(typeof(IValidator<>).MakeGenericType(editContext.Model.GetType()));
        editContext.OnFieldChanged += FieldChanged;
        editContext.OnValidationRequested += ValidationRequested;
    }

    /// <summary>Shows errors found by the server, keyed by property path (<c>Email</c>, <c>BillingAddress.City</c>).</summary>
    public void ShowErrors(IReadOnlyDictionary<string, string[]> errors)
    {
        if (editContext is null || messages is null) return;
        foreach (var (path, texts) in errors)
        {
            var field = FieldFor(editContext.Model, path);
            if (!serverErrors.TryGetValue(field, out var list)) serverErrors[field] = list = [];
            foreach (var text in texts.Select(Sentence))
            {
                list.Add(text);
                messages.Add(field, text);
            }
        }
        editContext.NotifyValidationStateChanged();
    }

    private void FieldChanged(object? sender, FieldChangedEventArgs e)
    {
        changedFields.Add(e.FieldIdentifier);
        serverErrors.Remove(e.FieldIdentifier);
        Refresh(onlyFields: changedFields);
    }

    private void ValidationRequested(object? sender, ValidationRequestedEventArgs e) => Refresh(onlyFields: null);

    private void Refresh(IReadOnlySet<FieldIdentifier>? onlyFields)
    {
        if (editContext is null || messages is null || validator is null) return;
        var result = validator.Validate(new ValidationContext<object>(editContext.Model));

        if (onlyFields is null) messages.Clear();
        else foreach (var field in onlyFields) messages.Clear(field);

        foreach (var error in result.Errors)
        {
            var field = FieldFor(editContext.Model, error.PropertyName);
            if (onlyFields is null || onlyFields.Contains(field)) messages.Add(field, Sentence(error.ErrorMessage));
        }
        foreach (var (field, texts) in serverErrors)
        {
            if (onlyFields is null || onlyFields.Contains(field)) messages.Add(field, texts);
        }
        editContext.NotifyValidationStateChanged();
    }

    /// <summary>Walks a FluentValidation property path ("BillingAddress.ZipCode", "Lines[0].Text") to the object that owns the last member.</summary>
    public static FieldIdentifier FieldFor(object model, string path)
    {
        var owner = model;
        var segments = path.Split('.');
        foreach (var segment in segments[..^1])
        {
            var bracket = segment.IndexOf('[');
            var name = bracket < 0 ? segment : segment[..bracket];
            var value = owner.GetType().GetProperty(name)?.GetValue(owner);
            if (bracket >= 0 && value is IEnumerable items && int.TryParse(segment[(bracket + 1)..^1], out var index))
                value = items.Cast<object?>().ElementAtOrDefault(index);
            if (value is null) return new FieldIdentifier(model, path);
            owner = value;
        }
        return new FieldIdentifier(owner, segments[^1]);
    }

    /// <summary>The shared messages read "must be …" (as the API returns them); under a field they start with a capital.</summary>
    private static string Sentence(string message) =>
        message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..];

    private void Detach()
    {
        if (editContext is null) return;
        editContext.OnFieldChanged -= FieldChanged;
        editContext.OnValidationRequested -= ValidationRequested;
        messages?.Clear();
        changedFields.Clear();
        serverErrors.Clear();
    }

    public void Dispose() => Detach();
}
