namespace Registry.Demo;

/// <summary>Section "Demo": whether to load the demo town at start-up, and its shape.</summary>
public sealed class DemoOptions
{
    public bool Load { get; set; }

    public int Seed { get; set; } = 2020;

    public int Households { get; set; } = 300;

    public string TownCode { get; set; } = "500101190000";

    public string TownName { get; set; } = "桂溪镇（演示）";
}
