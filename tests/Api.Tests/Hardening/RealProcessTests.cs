using Microsoft.Extensions.Configuration;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Registry.Api.Auth;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.Hardening;

/// <summary>The built API as a process of its own, behind Kestrel, configured from its environment only.</summary>
public sealed class RealProcessTests
{
    [Theory]
    [InlineData("")]
    [InlineData("too-short-a-key")]
    public async Task Outside_development_it_refuses_to_start_without_a_proper_signing_key(string key)
    {
        var (exitCode, output) = await ApiProcess.Run(new Dictionary<string, string>
        {
            ["ConnectionStrings__EventStore"] = await TestDatabase.ConnectionString(),
            ["EventStore__Schema"] = "nokey",
            ["Auth__SigningKey"] = key,
        }, [], TimeSpan.FromSeconds(60));
        exitCode.ShouldNotBe(0, output);
        output.ShouldContain("Auth:SigningKey must be configured with at least 32 bytes");
    }

    /// <summary>The development file's fixed keys are public with the source: outside Development neither may sign anything.</summary>
    [Theory]
    [InlineData("Auth:SigningKey")]
    [InlineData("Audit:CheckpointKey")]
    public async Task Outside_development_it_refuses_to_start_with_a_key_of_the_development_file(string key)
    {
        var development = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(ApiProcess.ApiDirectory, "appsettings.Development.json")).Build();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__EventStore"] = await TestDatabase.ConnectionString(),
            ["EventStore__Schema"] = "devkeys",
            ["Auth__SigningKey"] = "real-process-key-" + Guid.NewGuid().ToString("N"),
        };
        environment[key.Replace(":", "__")] = development[key]!;
        var (exitCode, output) = await ApiProcess.Run(environment, [], TimeSpan.FromSeconds(60));
        exitCode.ShouldNotBe(0, output);
        output.ShouldContain($"{key} is the development key");
    }

    /// <summary>A deployed service signs a checkpoint on a schedule unless told not to; development issues them by hand.</summary>
    [Fact]
    public void Outside_development_checkpoints_are_issued_every_ten_minutes_by_default()
    {
        static Audit.History.AuditOptions Bound(params string[] files)
        {
            var builder = new ConfigurationBuilder();
            foreach (var file in files) builder.AddJsonFile(Path.Combine(ApiProcess.ApiDirectory, file));
            return builder.Build().GetSection("Audit").Get<Audit.History.AuditOptions>() ?? new Audit.History.AuditOptions();
        }
        Bound("appsettings.json").CheckpointEvery.ShouldBe(TimeSpan.FromMinutes(10));
        Bound("appsettings.json", "appsettings.Development.json").CheckpointEvery.ShouldBe(TimeSpan.Zero);
    }

    /// <summary>JasperFx's command line runs the host itself when it sees ASP.NET Core's <c>--urls</c> and answered 0 for a failed start.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_start_that_fails_exits_non_zero_also_when_the_urls_come_as_a_flag(bool urlsFlag)
    {
        var (exitCode, output) = await ApiProcess.Run(new Dictionary<string, string>
        {
            ["ConnectionStrings__EventStore"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2",
            ["Auth__SigningKey"] = "real-process-key-" + Guid.NewGuid().ToString("N"),
        }, urlsFlag ? ["--urls", "http://127.0.0.1:1"] : [], TimeSpan.FromSeconds(60));
        exitCode.ShouldNotBe(0, output);
        output.ShouldContain("Hosting failed to start");
    }

    [Fact]
    public async Task Outside_development_it_refuses_to_start_with_dev_tokens_on()
    {
        var (exitCode, output) = await ApiProcess.Run(new Dictionary<string, string>
        {
            ["ConnectionStrings__EventStore"] = await TestDatabase.ConnectionString(),
            ["EventStore__Schema"] = "devtokens",
            ["Auth__SigningKey"] = "real-process-key-" + Guid.NewGuid().ToString("N"),
            ["Auth__DevTokens"] = "true",
        }, [], TimeSpan.FromSeconds(60));
        exitCode.ShouldNotBe(0, output);
        output.ShouldContain("Auth:DevTokens is on in the Production environment");
    }

    [Fact]
    public async Task Kestrel_names_no_server_and_refuses_a_body_over_the_limit_declared_or_streamed()
    {
        var key = "real-process-key-" + Guid.NewGuid().ToString("N");
        await using var api = await ApiProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings__EventStore"] = await TestDatabase.ConnectionString(),
            ["EventStore__Schema"] = "real" + Guid.NewGuid().ToString("N")[..10],
            ["Auth__SigningKey"] = key,
        });
        var token = new TokenIssuer(Options.Create(new AuthOptions { SigningKey = key }), TimeProvider.System)
            .Issue("clerk", "信息员", Role.VillageClerk, "500101001001").Token;
        using var client = api.Client(token);

        var live = await client.GetAsync("/health/live");
        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        live.Headers.Contains("Server").ShouldBeFalse();
        live.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);

        // Just over the limit, and with Expect: 100-continue, so the refusal does not race the client still sending.
        var body = Encoding.UTF8.GetBytes($"{{\"groupName\":\"{new string('x', 1024 * 1024 + 16)}\"}}");
        var declared = new ByteArrayContent(body);
        declared.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var declaredRequest = new HttpRequestMessage(HttpMethod.Post, "/api/households") { Content = declared };
        declaredRequest.Headers.ExpectContinue = true;
        await (await client.SendAsync(declaredRequest)).ShouldBe(HttpStatusCode.RequestEntityTooLarge, "request.too-large");

        var streamed = new StreamContent(new MemoryStream(body));
        streamed.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/households") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        await (await client.SendAsync(request)).ShouldBe(HttpStatusCode.RequestEntityTooLarge, "request.too-large");
    }
}
