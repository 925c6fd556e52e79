using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BackOffice.Core.Customers;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Api;

/// <summary>POST /api/v1/customers over real HTTP, one test per row of the contract's status table.</summary>
public sealed class CreateCustomerApiTests(BackOfficeApp app) : IClassFixture<BackOfficeApp>
{
    private readonly HttpClient api = app.ApiClient();

    [Fact]
    public async Task Created_customer_comes_back_normalised_in_data_with_a_location()
    {
        var body = ApiBodies.Customer(email: $"  Ada.Created.{Guid.NewGuid():N}@Example.COM ");
        body["phone"] = "+44 7911 123456";

        var response = await api.PostCustomerAsync(body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.MediaType()?.MediaType);
        var customer = (await response.JsonAsync())["data"]!.AsObject();
        var id = Guid.Parse(customer["id"]!.GetValue<string>());
        Assert.Equal(7, id.Version);
        Assert.Equal($"/api/v1/customers/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("pending_kyc", customer["status"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", customer["created_at"]!.GetValue<string>());
        Assert.Equal(customer["created_at"]!.GetValue<string>(), customer["updated_at"]!.GetValue<string>()); // a new customer has not changed yet
        Assert.Equal(body["email"]!.GetValue<string>().Trim().ToLowerInvariant(), customer["email"]!.GetValue<string>());
        Assert.Equal("+447911123456", customer["phone"]!.GetValue<string>());
        Assert.Equal("individual", customer["type"]!.GetValue<string>());
        var address = customer["billing_address"]!.AsObject();
        Assert.Equal("GB", address["country"]!.GetValue<string>());
        Assert.True(address.ContainsKey("line2"));
        Assert.Null(address["line2"]);

        var fetched = await api.GetAsync($"/api/v1/customers/{id}");
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(customer.ToJsonString(), (await fetched.JsonAsync())["data"]!.ToJsonString());
    }

    [Fact]
    public async Task The_key_name_is_the_creator_in_the_back_office_and_the_audit_trail()
    {
        var created = await (await api.PostCustomerAsync(ApiBodies.Customer())).JsonAsync();
        var id = Guid.Parse(created.Id());

        var customer = await app.Customers.GetAsync(id);
        Assert.Equal(BackOfficeApp.ApiKeyName, customer!.CreatedByName);
        var trail = await app.Customers.GetAuditTrailAsync(id);
        var entry = Assert.Single(trail);
        Assert.Equal(CustomerAuditActions.Created, entry.Action);
        Assert.Equal(BackOfficeApp.ApiKeyName, entry.ActorName);
        Assert.StartsWith("api-key:", entry.ActorId);
    }

    [Fact]
    public async Task Unknown_customer_is_404_problem()
    {
        var problem = await (await api.GetAsync($"/api/v1/customers/{Guid.CreateVersion7()}")).ProblemAsync(404);
        Assert.Equal("not_found", problem["code"]!.GetValue<string>());
        await (await api.GetAsync("/api/v1/customers/not-a-uuid")).ProblemAsync(404);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"first_name\": \"Ada\",")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"a string\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{\"email\": \"a@example.com\", \"email\": \"b@example.com\"}")]
    public async Task A_body_that_is_not_a_JSON_object_is_400(string body)
    {
        var problem = await (await api.PostRawAsync("/api/v1/customers", body)).ProblemAsync(400);
        Assert.Equal("malformed_request", problem["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_JSON_content_type_the_body_is_still_judged()
    {
        using var content = new StringContent(ApiBodies.Customer().ToJsonString(), Encoding.UTF8, "text/plain");
        var response = await api.PostAsync("/api/v1/customers", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task An_empty_object_is_400_listing_every_required_field()
    {
        var problem = await (await api.PostRawAsync("/api/v1/customers", "{}")).ProblemAsync(400);

        Assert.Equal("missing_fields", problem["code"]!.GetValue<string>());
        Assert.Equal(["billing_address", "email", "first_name", "last_name", "phone", "type"], problem.ErrorKeys());
        Assert.Equal("is required", problem["errors"]!["email"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Absent_null_and_blank_fields_all_count_as_missing_including_in_the_address()
    {
        var body = ApiBodies.Customer();
        body.Remove("first_name");
        body["last_name"] = null;
        body["email"] = "   ";
        body.Address()["zip_code"] = "";
        body.Address().Remove("city");
        body.Address()["line2"] = null; // optional: not missing

        var problem = await (await api.PostCustomerAsync(body)).ProblemAsync(400);

        Assert.Equal(["billing_address.city", "billing_address.zip_code", "email", "first_name", "last_name"], problem.ErrorKeys());
        Assert.Equal("5 required fields are missing.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_fields_win_over_invalid_ones_400_before_422()
    {
        var body = ApiBodies.Customer();
        body.Remove("phone");
        body["email"] = "not-an-email";
        body["type"] = "alien";

        var problem = await (await api.PostCustomerAsync(body)).ProblemAsync(400);

        Assert.Equal(["phone"], problem.ErrorKeys());
    }

    [Fact]
    public async Task Every_invalid_value_is_listed_in_one_422_keyed_by_JSON_path()
    {
        var body = ApiBodies.Customer();
        body["first_name"] = "Ada1";
        body["last_name"] = new string('L', 101);
        body["email"] = "not-an-email";
        body["phone"] = "12";
        body["type"] = "alien";
        body.Address()["line2"] = new string('x', 201);
        body.Address()["country"] = "ZZ";

        var problem = await (await api.PostCustomerAsync(body)).ProblemAsync(422);

        Assert.Equal("https://backoffice.example/problems/validation", problem["type"]!.GetValue<string>());
        Assert.Equal("Invalid field values", problem["title"]!.GetValue<string>());
        Assert.Equal("7 fields are invalid.", problem["detail"]!.GetValue<string>());
        Assert.Equal(["billing_address.country", "billing_address.line2", "email", "first_name", "last_name", "phone", "type"], problem.ErrorKeys());
        Assert.Equal("must be a valid email address", problem["errors"]!["email"]![0]!.GetValue<string>());
        Assert.Equal("must be an ISO 3166-1 alpha-2 code", problem["errors"]!["billing_address.country"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("company")]
    [InlineData("person")]
    [InlineData("Business")]
    [InlineData(" individual")]
    public async Task A_customer_type_other_than_the_two_spellings_is_422_on_the_type(string type)
    {
        var body = ApiBodies.Customer();
        body["type"] = type;

        var problem = await (await api.PostCustomerAsync(body)).ProblemAsync(422);

        Assert.Equal(["type"], problem.ErrorKeys());
        Assert.Equal("must be individual or business", problem["errors"]!["type"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_zip_code_not_matching_the_country_is_422_on_the_zip_code()
    {
        var body = ApiBodies.Customer();
        body.Address()["country"] = "US";
        body.Address()["zip_code"] = "SW1A 1AA";

        var problem = await (await api.PostCustomerAsync(body)).ProblemAsync(422);

        Assert.Equal(["billing_address.zip_code"], problem.ErrorKeys());
    }

    [Fact]
    public async Task Values_of_the_wrong_JSON_type_are_422_not_400()
    {
        var body = ApiBodies.Customer();
        body["phone"] = 4155550123;
        body["first_name"] = new JsonArray("Ada");
        body.Address()["line2"] = false;

        var problem = await (await api.PostCustomerAsync(body)).ProblemAsync(422);

        Assert.Equal(["billing_address.line2", "first_name", "phone"], problem.ErrorKeys());
        Assert.Equal("must be a string", problem["errors"]!["phone"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("null")]
    public async Task A_blank_or_null_billing_address_is_missing_not_invalid(string address)
    {
        var json = ApiBodies.Customer().ToJsonString();
        var start = json.IndexOf("\"billing_address\":", StringComparison.Ordinal);
        json = json[..start] + "\"billing_address\":" + address + "}";

        var problem = await (await api.PostRawAsync("/api/v1/customers", json)).ProblemAsync(400);

        Assert.Equal(["billing_address"], problem.ErrorKeys());
    }

    [Fact]
    public async Task A_billing_address_that_is_not_an_object_is_422_on_billing_address_alone()
    {
        var body = ApiBodies.Customer();
        body["billing_address"] = "1 Main St, London";

        var problem = await (await api.PostCustomerAsync(body)).ProblemAsync(422);

        Assert.Equal(["billing_address"], problem.ErrorKeys());
    }

    [Fact]
    public async Task Text_that_is_not_valid_Unicode_is_422()
    {
        var json = ApiBodies.Customer().ToJsonString().Replace("\"Ada\"", "\"\\ud800\"");
        var problem = await (await api.PostRawAsync("/api/v1/customers", json)).ProblemAsync(422);
        Assert.Equal(["first_name"], problem.ErrorKeys());
    }

    [Fact]
    public async Task A_taken_email_is_409_naming_the_existing_customer_case_insensitively_after_trimming()
    {
        var email = $"taken.{Guid.NewGuid():N}@example.com";
        var first = await (await api.PostCustomerAsync(ApiBodies.Customer(email))).JsonAsync();

        var response = await api.PostCustomerAsync(ApiBodies.Customer($"  {email.ToUpperInvariant()} "));

        var problem = await response.ProblemAsync(409);
        Assert.Equal("email_taken", problem["code"]!.GetValue<string>());
        Assert.Equal(first.Id(), problem["existing_customer_id"]!.GetValue<string>());
        Assert.DoesNotContain("Lovelace", problem.ToJsonString()); // another customer's name is not disclosed
    }

    [Fact]
    public async Task Two_concurrent_creates_with_one_email_give_one_201_and_one_409_and_one_row()
    {
        for (var round = 0; round < 5; round++)
        {
            var email = $"race.{round}.{Guid.NewGuid():N}@example.com";
            var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => api.PostCustomerAsync(ApiBodies.Customer(email))));

            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order().ToArray());
            var page = await app.Customers.ListAsync(new CustomerListQuery { Search = email, PageSize = 10 });
            Assert.Single(page.Value!.Items);
        }
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_whether_its_length_is_declared_or_not()
    {
        var huge = ApiBodies.Customer();
        huge["first_name"] = new string('a', 200_000);

        var declared = await api.PostCustomerAsync(huge);
        var problem = await declared.ProblemAsync(413);
        Assert.Equal("request_too_large", problem["code"]!.GetValue<string>());

        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customers")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge.ToJsonString()))),
        };
        chunked.Headers.TransferEncodingChunked = true;
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await (await api.SendAsync(chunked)).ProblemAsync(413);
    }

    [Fact]
    public async Task Broken_chunked_framing_is_a_400_problem_not_a_500()
    {
        var uri = new Uri(app.BaseUrl);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        var request = "POST /api/v1/customers HTTP/1.1\r\n" +
                      $"Host: {uri.Authority}\r\n" +
                      $"Authorization: Bearer {BackOfficeApp.ApiKeySecret}\r\n" +
                      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
                      "5\r\n{\"a\":\r\nZZ-not-a-chunk-size\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400", response);
        Assert.Contains("application/problem+json", response);
    }

    [Fact]
    public async Task An_unknown_API_path_or_method_gets_a_problem_not_a_page()
    {
        await (await api.GetAsync("/api/v1/nothing-here")).ProblemAsync(404);
        await (await api.GetAsync("/api/v2/customers")).ProblemAsync(404);
        await (await api.DeleteAsync("/api/v1/customers")).ProblemAsync(405);
    }
}
