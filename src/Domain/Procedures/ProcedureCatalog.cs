using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Domain.Procedures;

/// <summary>Every version of every procedure definition. New versions are added, never edited in place.</summary>
public sealed class ProcedureCatalog
{
    private readonly IReadOnlyList<ProcedureDefinition> _definitions;

    public ProcedureCatalog(IEnumerable<ProcedureDefinition> definitions)
    {
        _definitions = definitions.ToList();
        foreach (var definition in _definitions)
        {
            foreach (var guard in definition.StartGuards.Concat(definition.Steps.SelectMany(s => s.GuardNames())))
                if (!ProcedureRules.Guards.ContainsKey(guard)) throw new InvalidOperationException($"Unknown guard '{guard}' in {definition.Kind} v{definition.Version}.");
            foreach (var effect in definition.Steps.Select(s => s.Effect).OfType<string>())
                if (!ProcedureRules.Effects.ContainsKey(effect)) throw new InvalidOperationException($"Unknown effect '{effect}' in {definition.Kind} v{definition.Version}.");
        }
    }

    public static ProcedureCatalog Default { get; } = LoadEmbedded();

    public IReadOnlyList<ProcedureDefinition> All => _definitions;

    public ProcedureDefinition Latest(ProcedureKind kind) => _definitions.Where(d => d.Kind == kind).MaxBy(d => d.Version)
        ?? throw new InvalidOperationException($"No definition of {kind}.");

    public ProcedureDefinition Get(ProcedureKind kind, int version) => _definitions.Single(d => d.Kind == kind && d.Version == version);

    /// <summary>How people call a step of a recorded procedure: its label in the version the procedure ran under, else its name.</summary>
    public string StepLabel(ProcedureKind kind, int version, string step) =>
        _definitions.FirstOrDefault(d => d.Kind == kind && d.Version == version)?.Find(step)?.Shown ?? step;

    public static ProcedureCatalog Parse(string json)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        return new ProcedureCatalog(JsonSerializer.Deserialize<List<ProcedureDefinition>>(json, options) ?? []);
    }

    private static ProcedureCatalog LoadEmbedded()
    {
        using var stream = typeof(ProcedureCatalog).Assembly.GetManifestResourceStream("procedure-definitions.json")
            ?? throw new InvalidOperationException("procedure-definitions.json is not embedded.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
