using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.Events;
using Registry.Api.Households;
using Registry.Domain.Households;
using Registry.Domain.Procedures;
using Registry.Projections;
using Registry.Projections.Audit;

namespace Registry.Api.Console;

public sealed record ProcedureStepView(string Step, StepOutcome Outcome, DateOnly OccurredOn, string Evidence, string? Note, string? ActorName);

public sealed record ProcedureView(Guid ProcedureId, ProcedureKind Kind, int DefinitionVersion, DateOnly StartedOn, ProcedureClosure? Closure,
    IReadOnlyList<ProcedureStepView> Steps);

public sealed record FieldChange(string Field, string? Before, string? After);

public sealed record TimelineRow(long Version, string Type, string Summary, string? ActorName, string? Role, string? Org, string? Reason,
    DateOnly? EffectiveOn, DateTimeOffset RecordedAt, string? CorrelationId, IReadOnlyList<FieldChange> Changes);

/// <summary>A household's events, oldest first, each with what it changed: the facts before and after, as the reader may see them.</summary>
public static class HouseholdTimeline
{
    private static readonly string VersionField = ConsoleFields.Label("version");

    public static IReadOnlyList<TimelineRow> Of(IReadOnlyList<IEvent> events, bool unmasked, DateOnly today, JsonSerializerOptions json)
    {
        var rows = new List<TimelineRow>(events.Count);
        Household? state = null;
        var before = new Dictionary<string, string?>();
        foreach (var e in events)
        {
            state = Household.Evolve(state, e.Data);
            var after = state is null ? [] : Flatten(HouseholdDocument.From(state, e.Version, unmasked, ProcedureCatalog.Default, today), json);
            var (zh, _) = EventSummaries.Describe(e.Data);
            rows.Add(new TimelineRow(e.Version, e.EventTypeName, zh, EventMetadata.Header(e, EventMetadata.UserName), EventMetadata.Header(e, EventMetadata.Role),
                EventMetadata.Header(e, EventMetadata.Org), EventMetadata.Header(e, EventMetadata.Reason), EventFacts.EffectiveOnShown(e.Data, unmasked), e.Timestamp,
                e.CorrelationId, Diff(before, after)));
            before = after;
        }
        return rows;
    }

    /// <summary>Every procedure the household went through, open or closed, with each step's evidence.</summary>
    public static IReadOnlyList<ProcedureView> Procedures(IReadOnlyList<IEvent> events)
    {
        var procedures = new List<ProcedureView>();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case ProcedureStarted s:
                    procedures.Add(new ProcedureView(s.ProcedureId, s.Kind, s.DefinitionVersion, s.StartedOn, null, []));
                    break;
                case ProcedureStepRecorded r when procedures.FindIndex(p => p.ProcedureId == r.ProcedureId) is var i and >= 0:
                    procedures[i] = procedures[i] with
                    {
                        Steps = [.. procedures[i].Steps, new ProcedureStepView(ProcedureCatalog.Default.StepLabel(r.Kind, r.DefinitionVersion, r.Step),
                            r.Outcome, r.OccurredOn, Evidence(r.Evidence), r.Note,
                            EventMetadata.Header(e, EventMetadata.UserName))],
                    };
                    break;
                case ProcedureClosed c when procedures.FindIndex(p => p.ProcedureId == c.ProcedureId) is var i and >= 0:
                    procedures[i] = procedures[i] with { Closure = c.Closure };
                    break;
            }
        }
        return procedures;
    }

    private static string Evidence(StepEvidence? e) => e is null ? "" : string.Join("；", new[]
    {
        e.Attendees is { } a ? $"参会{a}人" : null,
        e.VotesFor is { } f ? $"赞成{f}票" : null,
        e.VotesAgainst is { } g ? $"反对{g}票" : null,
        e.PublicityFrom is { } from ? $"公示{ConsoleText.Date(from)}至{ConsoleText.Date(e.PublicityTo)}" : null,
        e.DocumentRef is { } d ? $"文号{d}" : null,
    }.OfType<string>());

    private static IReadOnlyList<FieldChange> Diff(Dictionary<string, string?> before, Dictionary<string, string?> after) =>
        // In the document's order, then what the event removed.
        after.Keys.Union(before.Keys)
            .Where(k => k != VersionField && before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
            .Select(k => new FieldChange(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .ToList();

    /// <summary>
    /// Every leaf of the document by its path in Chinese (成员[张三]·健康状况), values with their Chinese labels; members and former
    /// members by name, so a change reads as whose.
    /// </summary>
    public static Dictionary<string, string?> Flatten(HouseholdDocument document, JsonSerializerOptions json)
    {
        var leaves = new Dictionary<string, string?>();
        Walk(JsonSerializer.SerializeToNode(document, json), typeof(HouseholdDocument), "", leaves);
        return leaves;
    }

    private static void Walk(JsonNode? node, Type type, string path, Dictionary<string, string?> leaves)
    {
        switch (node)
        {
            case JsonObject obj when Pairs(type) is var (keyType, valueType):
                foreach (var (key, value) in obj) Walk(value, valueType, Join(path, keyType.IsEnum ? Bulk.EnumLabels.Label(keyType, key) : key), leaves);
                break;
            case JsonObject obj:
                foreach (var (name, value) in obj)
                    Walk(value, type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType ?? typeof(object),
                        Join(path, ConsoleFields.Label(name)), leaves);
                break;
            case JsonArray array:
                var element = ElementOf(type);
                for (var i = 0; i < array.Count; i++)
                {
                    var key = array[i] is JsonObject item && item["name"] is JsonValue name ? name.ToString()
                        : array[i] is JsonObject step && step["step"] is JsonValue stepName ? stepName.ToString()
                        : array[i] is JsonValue value && (Nullable.GetUnderlyingType(element) ?? element).IsEnum ? ConsoleFields.Value(element, value.ToString())
                        : (i + 1).ToString(CultureInfo.InvariantCulture);
                    Walk(array[i], element, $"{path}[{key}]", leaves);
                }
                break;
            case null:
                break;
            default:
                leaves[path] = ConsoleFields.Value(type, node.ToString());
                break;
        }
    }

    private static string Join(string path, string segment) => path.Length == 0 ? segment : $"{path}·{segment}";

    private static (Type Key, Type Value)? Pairs(Type type) =>
        Generic(type, typeof(IReadOnlyDictionary<,>)) is { } d ? (d[0], d[1]) : null;

    private static Type ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()! : Generic(type, typeof(IEnumerable<>))?[0] ?? typeof(object);

    private static Type[]? Generic(Type type, Type definition) =>
        (type.IsGenericType && type.GetGenericTypeDefinition() == definition ? type : null)?.GetGenericArguments()
        ?? type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition)?.GetGenericArguments();
}
