using System.ComponentModel;

namespace Registry.Domain.Households;

public enum Relation
{
    [Description("户主")] Head,
    [Description("配偶")] Spouse,
    [Description("之子")] Son,
    [Description("之女")] Daughter,
    [Description("之女婿")] SonInLaw,
    [Description("之儿媳")] DaughterInLaw,
    [Description("之孙子")] Grandson,
    [Description("之孙女")] Granddaughter,
    [Description("之父")] Father,
    [Description("之母")] Mother,
    [Description("其他")] Other,
}

public enum SchoolStatus
{
    [Description("非在校生")] NotInSchool,
    [Description("学前教育")] Preschool,
    [Description("小学")] Primary,
    [Description("初中")] JuniorSecondary,
    [Description("高中")] SeniorSecondary,
    [Description("中职")] Vocational,
    [Description("高等教育")] Higher,
    [Description("辍学")] DroppedOut,
}

public enum Health
{
    [Description("健康")] Healthy,
    [Description("长期慢性病")] ChronicIllness,
    [Description("患有大病")] MajorIllness,
}

public enum Disability
{
    [Description("无残疾")] None,
    [Description("一级残疾")] Grade1,
    [Description("二级残疾")] Grade2,
    [Description("三级残疾")] Grade3,
    [Description("四级残疾")] Grade4,
}

public enum LaborCapacity
{
    [Description("技能劳动力")] Skilled,
    [Description("普通劳动力")] Ordinary,
    [Description("弱劳动力或半劳动力")] Weak,
    [Description("丧失劳动力")] Lost,
    [Description("无劳动力")] None,
}

public enum WorkStatus
{
    [Description("无")] None,
    [Description("本地务农")] LocalFarming,
    [Description("本地务工")] LocalEmployment,
    [Description("省内务工")] MigrantInProvince,
    [Description("省外务工")] MigrantOutOfProvince,
}

public enum IncreaseReason
{
    [Description("新生儿")] Birth,
    [Description("婚入")] MarriageIn,
    [Description("回归（如退役、刑满释放）")] Return,
    [Description("其他")] Other,
}

public enum DecreaseReason
{
    [Description("死亡")] Death,
    [Description("婚出")] MarriageOut,
    [Description("参军")] Enlistment,
    [Description("服刑")] Imprisonment,
    [Description("迁出或转为城镇人口")] MovedOut,
    [Description("其他")] Other,
}
