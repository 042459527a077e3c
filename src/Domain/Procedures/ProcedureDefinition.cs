namespace Registry.Domain.Procedures;

public sealed record StepDefinition(
    string Name,
    StepLevel Level,
    EvidenceRule Evidence,
    IReadOnlyList<string>? Guards = null,
    string? Effect = null,
    string? Label = null)
{
    /// <summary>The step as people call it (the Chinese label), or its name where a definition gives none.</summary>
    public string Shown => Label ?? Name;

    public IReadOnlyList<string> GuardNames() => Guards ?? [];
}

/// <summary>
/// One version of a procedure: its ordered steps, who may take them, what evidence they need,
/// and the named guards and effects (see <see cref="ProcedureRules"/>).
/// </summary>
public sealed record ProcedureDefinition(
    ProcedureKind Kind,
    int Version,
    string Title,
    IReadOnlyList<string> StartGuards,
    int MinimumPublicityDays,
    IReadOnlyList<StepDefinition> Steps)
{
    public StepDefinition? Find(string step) => Steps.FirstOrDefault(s => s.Name == step);

    public StepDefinition? After(int recordedSteps) => recordedSteps < Steps.Count ? Steps[recordedSteps] : null;
}
