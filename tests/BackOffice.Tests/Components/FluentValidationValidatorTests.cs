using BackOffice.Core.Customers;
using BackOffice.Tests.Support;
using Bunit;

namespace BackOffice.Tests.Components;

public sealed class FluentValidationValidatorTests : ComponentTestContext
{
    private IRenderedComponent<ValidatorHost> RenderForm(NewCustomer? model = null) =>
        Render<ValidatorHost>(p => p.Add(h => h.Model, model ?? new NewCustomer()));

    [Fact]
    public void Shows_nothing_before_the_agent_touches_a_field()
    {
        var form = RenderForm();
        Assert.Empty(form.FindAll(".validation-message"));
    }

    [Fact]
    public void A_top_level_field_error_appears_on_change_and_clears_when_fixed()
    {
        var form = RenderForm();

        form.Find("#email").Change("ada@");
        Assert.Equal("Must be a valid email address", form.Find(".validation-message").TextContent);
        // Only the changed field speaks up, not the untouched ones.
        Assert.Single(form.FindAll(".validation-message"));

        form.Find("#email").Change("ada@example.com");
        Assert.Empty(form.FindAll(".validation-message"));
    }

    [Fact]
    public void A_billing_address_field_inside_a_sub_form_shows_its_own_error_and_clears_when_fixed()
    {
        var form = RenderForm();

        form.Find("#city").Change("   ");
        var cityError = form.Find(".validation-message");
        Assert.Equal("Is required", cityError.TextContent);

        form.Find("#city").Change("London");
        Assert.Empty(form.FindAll(".validation-message"));
    }

    [Fact]
    public void A_zip_error_clears_when_the_country_that_made_it_wrong_is_fixed()
    {
        var form = RenderForm();
        form.Find("#country").Change("US");
        form.Find("#zip").Change("SW1A 1AA");
        Assert.StartsWith("Must be a valid postal code for United States", form.Find(".validation-message").TextContent);

        form.Find("#country").Change("GB");

        Assert.Empty(form.FindAll(".validation-message"));
    }

    [Fact]
    public void Submitting_validates_every_field_and_does_not_submit_when_invalid()
    {
        var form = RenderForm();

        form.Find("form").Submit();

        Assert.Equal(0, form.Instance.Submitted);
        var messages = form.FindAll(".validation-message").Select(m => m.TextContent).ToList();
        Assert.Contains("Is required", messages);
        Assert.True(messages.Count >= 2);
    }

    [Fact]
    public void A_valid_form_submits()
    {
        var form = RenderForm(Samples.Customer());

        form.Find("form").Submit();

        Assert.Equal(1, form.Instance.Submitted);
        Assert.Empty(form.FindAll(".validation-message"));
    }

    [Fact]
    public void Server_errors_show_under_their_field_until_that_field_changes()
    {
        var form = RenderForm(Samples.Customer());

        form.InvokeAsync(() => form.Instance.Validator!.ShowErrors(new Dictionary<string, string[]>
        {
            ["Email"] = ["is already used by customer Ada Lovelace"],
            ["BillingAddress.City"] = ["is not served"],
        }));

        Assert.Equal("Is already used by customer Ada Lovelace", form.Find("#email-error, .validation-message").TextContent);
        Assert.Contains("Is not served", form.FindAll(".validation-message").Select(m => m.TextContent));

        form.Find("#email").Change("grace@example.com");

        Assert.DoesNotContain("Is already used by customer Ada Lovelace", form.FindAll(".validation-message").Select(m => m.TextContent));
        Assert.Contains("Is not served", form.FindAll(".validation-message").Select(m => m.TextContent));
    }
}
