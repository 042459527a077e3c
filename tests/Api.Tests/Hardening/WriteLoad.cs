using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Registry.Api.Tests.Fixtures;

namespace Registry.Api.Tests.Hardening;

public enum WriteKind
{
    Register,
    Risks,
    Income,
    Assistance,
}

/// <summary>One write as sent: its correlation id doubles as its Idempotency-Key, so a retry after a crash is the same command.</summary>
public sealed class PlannedWrite(WriteKind kind, Guid household, long? ifMatch, HttpMethod method, string url, object body)
{
    public string CorrelationId { get; } = "load-" + Guid.NewGuid().ToString("N");
    public WriteKind Kind { get; } = kind;
    /// <summary>The household written; a registration learns it from its answer, as the registry assigns ids.</summary>
    public Guid Household { get; private set; } = household;
    public long? IfMatch { get; } = ifMatch;
    public long? AcknowledgedVersion { get; set; }

    /// <summary>Events this write appends, from its acknowledged answer.</summary>
    public long? EventCount => AcknowledgedVersion - (IfMatch ?? 0);

    public void Acknowledge(long version, Guid household)
    {
        AcknowledgedVersion = version;
        Household = household;
    }

    public HttpRequestMessage Request()
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Correlation-Id", CorrelationId);
        request.Headers.Add("Idempotency-Key", CorrelationId);
        if (IfMatch is { } v) request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        return request;
    }
}

/// <summary>
/// A write load in which each worker owns its households: it registers one, changes it a few times with If-Match,
/// then registers the next. A worker stops at its first transport failure or 503; that write is then in doubt.
/// </summary>
public sealed class WriteLoad(string village)
{
    public string Village => village;

    private const int ChangesPerHousehold = 6;
    private readonly ConcurrentQueue<PlannedWrite> _writes = new();
    private readonly Lock _gate = new();
    private int _acknowledged;
    private int _unavailable;
    private (int Target, TaskCompletionSource Signal)? _watch;

    public IReadOnlyCollection<PlannedWrite> Writes => _writes;

    /// <summary>Writes answered 503 service.database-unavailable.</summary>
    public int Unavailable => _unavailable;

    public IEnumerable<PlannedWrite> InDoubt => _writes.Where(w => w.AcknowledgedVersion is null);

    /// <summary>Completes once this many more writes than now have been acknowledged.</summary>
    public Task AcknowledgedMore(int count)
    {
        lock (_gate)
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _watch = (_acknowledged + count, signal);
            return signal.Task;
        }
    }

    public async Task Worker(HttpClient client, int seed, int maxWrites = 2_000)
    {
        var random = new Random(seed);
        var household = Guid.Empty;
        long version = 0;
        for (var i = 0; i < maxWrites; i++)
        {
            var write = household == Guid.Empty || version >= ChangesPerHousehold ? Register() : Change(random, household, version);
            household = write.Household;
            _writes.Enqueue(write);
            try
            {
                using var response = await client.SendAsync(write.Request());
                var text = await response.Content.ReadAsStringAsync();
                // The database is away: the write may or may not have committed, as with a cut connection.
                if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && text.Contains("service.database-unavailable"))
                {
                    Interlocked.Increment(ref _unavailable);
                    return;
                }
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"{write.Kind} {write.CorrelationId} answered {(int)response.StatusCode}: {text}");
                version = Acknowledge(write, text);
                household = write.Household;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                return;
            }
        }
    }

    /// <summary>Sends every write in doubt again, as a client would after an outage; each must now be acknowledged.</summary>
    public async Task RetryInDoubt(HttpClient client)
    {
        foreach (var write in InDoubt.ToList())
        {
            using var response = await client.SendAsync(write.Request());
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Retry of {write.Kind} {write.CorrelationId} answered {(int)response.StatusCode}: {text}");
            Acknowledge(write, text);
        }
    }

    private long Acknowledge(PlannedWrite write, string body)
    {
        var answer = JsonNode.Parse(body)!;
        var version = answer["version"]!.GetValue<long>();
        write.Acknowledge(version, answer["id"]!.GetValue<Guid>());
        lock (_gate)
        {
            _acknowledged++;
            if (_watch is { } watch && _acknowledged >= watch.Target) watch.Signal.TrySetResult();
        }
        return version;
    }

    private PlannedWrite Register()
    {
        return new PlannedWrite(WriteKind.Register, Guid.Empty, null, HttpMethod.Post, "/api/households", new
        {
            villageCode = village,
            status = "Unregistered",
            registeredOn = "2020-01-01",
            members = new[]
            {
                Sample.Member("王大山", People.IdNumber(male: true), "Head", "13800138000"),
                Sample.Member("李二妹", People.IdNumber(male: false, birthYear: 1972), "Spouse"),
            },
        });
    }

    private static PlannedWrite Change(Random random, Guid household, long version)
    {
        var url = $"/api/households/{household}";
        return random.Next(3) switch
        {
            0 => new PlannedWrite(WriteKind.Risks, household, version, HttpMethod.Put, url + "/risks",
                new { risks = new[] { random.Next(2) == 0 ? "Disaster" : "MajorIllness" }, reason = "走访发现" }),
            1 => new PlannedWrite(WriteKind.Income, household, version, HttpMethod.Post, url + "/incomes",
                new { year = 2020, wage = random.Next(1000, 20000) }),
            _ => new PlannedWrite(WriteKind.Assistance, household, version, HttpMethod.Post, url + "/assistance",
                new { category = "Employment", description = "公益岗位", startedOn = "2020-03-01", responsible = "刘帮扶" }),
        };
    }
}
