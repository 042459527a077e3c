namespace Registry.Domain.Access;

public enum Permission
{
    ReadRegistry,
    ReadIdNumbers,
    RegisterHousehold,
    RecordHouseholdFacts,
    RecordAssistance,
    ManageOrgUnits,
    ManagePolicyLines,
    FlagNotEnjoyingPolicy,
    ReadAudit,
    ReadSensitiveReads,
    RaiseProblem,
    ResolveProblem,
    RunDataQuality,
    ProposeSubmission,
}
