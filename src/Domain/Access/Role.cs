using System.ComponentModel;

namespace Registry.Domain.Access;

public enum Role
{
    [Description("村级扶贫信息员")] VillageClerk,
    [Description("村（社区）负责人")] VillageHead,
    [Description("第一书记")] FirstSecretary,
    [Description("驻村工作队、帮扶责任人")] WorkTeam,
    [Description("镇扶贫办")] TownOfficer,
    [Description("区扶贫办")] DistrictOfficer,
    [Description("区住房城乡建委")] HousingDept,
    [Description("区教委")] EducationDept,
    [Description("区医疗保障局")] MedicalDept,
    [Description("区水利局")] WaterDept,
    [Description("督查组、三方评估、纪委")] Inspector,
}
