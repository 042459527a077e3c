using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.Bench.Infrastructure;

/// <summary>A household a client writes to: its id, the member it changes and the version it last saw.</summary>
public sealed class HouseholdHandle(Guid id, Guid memberId, long version, string token)
{
    public Guid Id { get; } = id;
    public Guid MemberId { get; } = memberId;
    public long Version { get; set; } = version;
    public string Token { get; } = token;
}

/// <summary>The registry's HTTP routes the benchmark uses, with the headers a careful client sends.</summary>
public sealed class ApiClient(Uri baseAddress) : IDisposable
{
    private static long _phone;

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromMinutes(5),
    };

    public async Task<string> Token(string userId, string role, string org)
    {
        var response = await _http.PostAsJsonAsync("/api/auth/dev-token", new { userId, name = "测试" + role[..2], role, org });
        return (await Json(response))["token"]!.GetValue<string>();
    }

    public async Task CreateOrgUnit(string token, string code, string name, string kind, string parent) =>
        await Json(await Send(HttpMethod.Post, "/api/org-units", token, new { code, name, kind, parentCode = parent }));

    public async Task<HouseholdHandle> Register(string token, string villageCode, IdNumbers ids)
    {
        var body = new
        {
            villageCode, status = "Unregistered", registeredOn = "2019-12-01",
            members = new object[]
            {
                new { name = "王大山", idNumber = ids.Next(male: true), relation = "Head", phone = NextPhone() },
                new { name = "李二妹", idNumber = ids.Next(male: false), relation = "Spouse" },
                new { name = "王小明", idNumber = ids.Next(male: true), relation = "Son" },
            },
        };
        var registered = await Json(await Send(HttpMethod.Post, "/api/households", token, body));
        var id = registered["id"]!.GetValue<Guid>();
        var household = await Json(await Send(HttpMethod.Get, $"/api/households/{id}", token, null));
        return new HouseholdHandle(id, household["members"]![0]!["memberId"]!.GetValue<Guid>(), registered["version"]!.GetValue<long>(), token);
    }

    /// <summary>PATCH of one member fact (a new phone number) with a reason, If-Match and an Idempotency-Key.</summary>
    public Task<bool> ChangeMember(HouseholdHandle h) =>
        Write(h, HttpMethod.Patch, $"/api/households/{h.Id}/members/{h.MemberId}", new { phone = NextPhone(), reason = "电话号码变更" });

    public Task<bool> AssessIncome(HouseholdHandle h) =>
        Write(h, HttpMethod.Post, $"/api/households/{h.Id}/incomes",
            new { year = 2020, wage = 9000 + Random.Shared.Next(0, 3000), business = 1200, property = 0, transfer = 2400, productionCosts = 800 });

    public async Task<bool> Get(string path, string token)
    {
        using var response = await Send(HttpMethod.Get, path, token, null);
        await response.Content.LoadIntoBufferAsync();
        return response.IsSuccessStatusCode;
    }

    /// <summary>A console page, signed in as the console is: the token in its cookie, not in an Authorization header.</summary>
    public async Task<bool> GetPage(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"registry-console={token}");
        using var response = await _http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response.IsSuccessStatusCode && response.RequestMessage?.RequestUri?.AbsolutePath == path.Split('?')[0];
    }

    public async Task<JsonNode> PostJson(string path, string token, object body) => await Json(await Send(HttpMethod.Post, path, token, body));

    public async Task<JsonNode> GetJson(string path, string token) => await Json(await Send(HttpMethod.Get, path, token, null));

    /// <summary>Polls a background job (an import, an export, a cleaning run) until it has finished, and returns its last view.</summary>
    public async Task<JsonNode> Finished(string path, string token, TimeSpan pollEvery, TimeSpan? deadline = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var job = await GetJson(path, token);
            if (job["status"]!.GetValue<string>() is "Completed" or "Failed") return job;
            if (clock.Elapsed > deadline) throw new TimeoutException($"{path} did not finish in {deadline}.");
            await Task.Delay(pollEvery);
        }
    }

    public async Task<Guid> Upload(string token, byte[] content, string fileName)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = new MultipartFormDataContent { { file, "file", fileName } } };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await Json(await _http.SendAsync(request)))["importId"]!.GetValue<Guid>();
    }

    public void Dispose() => _http.Dispose();

    private async Task<bool> Write(HouseholdHandle h, HttpMethod method, string path, object body)
    {
        using var request = Request(method, path, h.Token, body);
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{h.Version.ToString(CultureInfo.InvariantCulture)}\"");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await _http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            await response.Content.LoadIntoBufferAsync();
            return false;
        }
        h.Version = (await response.Content.ReadFromJsonAsync<JsonNode>())!["version"]!.GetValue<long>();
        return true;
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string token, object? body) => _http.SendAsync(Request(method, path, token, body));

    private static HttpRequestMessage Request(HttpMethod method, string path, string token, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    private static async Task<JsonNode> Json(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
            return JsonNode.Parse(text)!;
        }
    }

    public static string NextPhone() => "138" + (Interlocked.Increment(ref _phone) % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
}
