namespace Registry.Domain.Common;

/// <summary>An event of a household's stream: its facts, assistance, procedures and flags.</summary>
public interface IHouseholdEvent;

/// <summary>An event of a signed list's stream (拟上报名单).</summary>
public interface ISubmissionEvent;

/// <summary>An event of a problem's stream (问题数据).</summary>
public interface IProblemEvent;

/// <summary>An event of a unit's policy lines stream (贫困线、监测线).</summary>
public interface IPolicyLineEvent;

/// <summary>An event of a unit's own stream (乡镇、村的登记).</summary>
public interface IOrgUnitEvent;
