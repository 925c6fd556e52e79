using Bunit;
using BackOffice.Core.Customers;
using BackOffice.Core.Identity;
using BackOffice.Tests.Support;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace BackOffice.Tests.Components;

/// <summary>bUnit with MudBlazor set up once (loose JS interop, no transitions, a popover provider), over a real SQLite database.</summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    protected TestDatabase Database { get; } = new();

    protected ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.SnackbarConfiguration.ShowTransitionDuration = 0);
    }

    public virtual async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        Services.AddSingleton<IValidator<NewCustomer>>(new NewCustomerValidator());
        Services.AddSingleton<ICustomerChanges>(Database.Changes);
        Services.AddSingleton(new BackOffice.Web.Components.Customers.ExportProgress(TimeProvider.System));
        Services.AddSingleton(Database.Customers);
        Services.AddSingleton(Database.Services.GetRequiredService<CustomerCreateQueue>());
        Services.AddSingleton(Database.Reviews);
        Services.AddSingleton(Database.ApiKeys);
        Services.AddSingleton(Database.Documents);
        Services.AddSingleton(Database.Services.GetRequiredService<BackOffice.Core.Partners.PartnerService>());
        // The customer page's notes and review claim, the list's reviewer and "My reviews".
        Services.AddSingleton(Database.Services.GetRequiredService<BackOffice.Core.Notes.CustomerNoteService>());
        Services.AddSingleton(Database.Services.GetRequiredService<BackOffice.Core.Reviews.ReviewClaimService>());
        // The customer page's screening section, the list's screening chip and the home page's pending matches.
        Services.AddSingleton(Database.Services.GetRequiredService<BackOffice.Core.Screening.ScreeningService>());
        if (SignedIn is { } actor) SignInAs(actor);
        Render<MudPopoverProvider>();
    }

    /// <summary>Who is signed in while the component renders.</summary>
    protected virtual Actor? SignedIn => null;

    private void SignInAs(Actor actor)
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized(actor.Name);
        authorization.SetRoles([.. actor.Roles]);
        authorization.SetClaims(
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, actor.Id),
            new System.Security.Claims.Claim(BackOfficeClaimTypes.DisplayName, actor.Name));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
