using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Domain.Tests.Specs;

/// <summary>Given(events) / When(decision) / Then(events or refusal).</summary>
public static class Spec
{
    /// <summary>2020-11-15 10:00 in China Standard Time.</summary>
    public static readonly DateTimeOffset Now = new(2020, 11, 15, 2, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2020, 11, 15);
    public static readonly DateOnly Tomorrow = Today.AddDays(1);

    public static readonly ProcedureCatalog Catalog = ProcedureCatalog.Default;

    public static readonly PolicyLine Line2020 = new(2020, 4000m, 6000m);

    /// <summary>Policy lines as the registry keeps them: only 2020 is set.</summary>
    public static PolicyLine? Lines(int year) => year == 2020 ? Line2020 : null;

    public static PolicyLine? NoLines(int year) => null;

    public static readonly IReadOnlySet<string> NobodyElsewhere = new HashSet<string>();

    public static IReadOnlySet<string> ClaimedElsewhere(params string[] idNumbers) => new HashSet<string>(idNumbers);

    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    /// <summary>Folds the events into a household with <see cref="Household.Evolve"/>.</summary>
    public static Household Given(params object[] events)
    {
        Household? state = null;
        foreach (var e in events) state = Household.Evolve(state, e);
        return state ?? throw new InvalidOperationException("The given events do not register a household.");
    }

    /// <summary>Folds further events onto an existing state.</summary>
    public static Household And(this Household state, params object[] events)
    {
        foreach (var e in events) state = Household.Evolve(state, e)!;
        return state;
    }

    public static Outcome When(Func<object[]> decision)
    {
        try
        {
            return new Outcome(decision(), null);
        }
        catch (DomainRefusal refusal)
        {
            return new Outcome(null, refusal);
        }
    }
}

public sealed class Outcome(object[]? events, DomainRefusal? refusal)
{
    public object[] Events => events ?? throw new ShouldAssertException(
        $"Expected events but the command was refused: {refusal!.Kind} {refusal.Code}: {refusal.Message}" +
        string.Concat(refusal.Errors.Select(e => $"\n  {e.Field}: {e.Code}")));

    /// <summary>The decision emitted exactly these events (deep comparison, in order).</summary>
    public object[] Then(params object[] expected)
    {
        var actual = Events;
        actual.Select(e => e.GetType().Name).ShouldBe(expected.Select(e => e.GetType().Name));
        for (var i = 0; i < expected.Length; i++) Json(actual[i]).ShouldBe(Json(expected[i]), $"event {i} ({expected[i].GetType().Name})");
        return actual;
    }

    /// <summary>Structural form of an event: lists compare by their items whatever their concrete type.</summary>
    public static string Json(object e) => JsonSerializer.Serialize(e, e.GetType(), JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The decision emitted events of exactly these types, in order.</summary>
    public object[] ThenTypes(params Type[] types)
    {
        Events.Select(e => e.GetType().Name).ShouldBe(types.Select(t => t.Name));
        return Events;
    }

    /// <summary>The decision emitted a single event of type <typeparamref name="T"/>.</summary>
    public T ThenSingle<T>()
    {
        ThenTypes(typeof(T));
        return (T)Events[0];
    }

    public DomainRefusal ThenRefused(string code, RefusalKind kind = RefusalKind.Rule)
    {
        if (refusal is null)
            throw new ShouldAssertException($"Expected refusal {kind} {code} but got events: {string.Join(", ", events!.Select(e => e.GetType().Name))}");
        refusal.ShouldSatisfyAllConditions(
            () => refusal.Code.ShouldBe(code, $"{refusal.Message} {string.Concat(refusal.Errors.Select(e => $"[{e.Field}: {e.Code}]"))}"),
            () => refusal.Kind.ShouldBe(kind));
        return refusal;
    }

    /// <summary>Refused as invalid input, with (at least) these field errors.</summary>
    public DomainRefusal ThenInvalid(params (string Field, string Code)[] fieldErrors)
    {
        if (refusal is null)
            throw new ShouldAssertException($"Expected invalid fields but got events: {string.Join(", ", events!.Select(e => e.GetType().Name))}");
        refusal.Kind.ShouldBe(RefusalKind.Invalid, refusal.Message);
        var actual = refusal.Errors.Select(e => (e.Field, e.Code)).ToList();
        foreach (var expected in fieldErrors) actual.ShouldContain(expected);
        refusal.Code.ShouldBe(refusal.Errors[0].Code);
        return refusal;
    }

    /// <summary>Refused as invalid input with exactly these field errors, in order.</summary>
    public DomainRefusal ThenInvalidExactly(params (string Field, string Code)[] fieldErrors)
    {
        var r = ThenInvalid(fieldErrors);
        r.Errors.Select(e => (e.Field, e.Code)).ShouldBe(fieldErrors);
        return r;
    }
}
