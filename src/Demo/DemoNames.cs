using Registry.Domain.People;

namespace Registry.Demo;

/// <summary>Synthetic Chinese names: a common surname and one or two given characters, none of them a real person's record.</summary>
public static class DemoNames
{
    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "胡", "朱", "郭", "何", "罗", "高", "谭",
        "冉", "向", "秦", "蒋", "唐", "邓", "袁", "彭", "曾", "熊", "牟", "谢", "程", "余", "付", "龚", "汪", "邹", "苟", "段",
    ];

    private static readonly string[] MaleCharacters =
    [
        "明", "强", "军", "华", "平", "建", "国", "伟", "勇", "成", "林", "德", "福", "贵", "富", "安", "兴", "波", "海", "洪",
        "忠", "刚", "志", "文", "武", "春", "清", "山", "松", "宏", "俊", "杰", "浩", "宇", "涛", "鹏", "飞", "云", "川", "元",
    ];

    private static readonly string[] FemaleCharacters =
    [
        "芳", "秀", "英", "兰", "琼", "梅", "珍", "玉", "桂", "菊", "霞", "燕", "红", "丽", "萍", "琴", "素", "淑", "慧", "敏",
        "婷", "娟", "静", "雪", "春", "月", "凤", "莲", "蓉", "碧", "秋", "艳", "晓", "欣", "怡", "佳", "瑶", "雨", "思", "诗",
    ];

    public static readonly string[] VillageNames =
    [
        "桂花村", "石龙村", "青山村", "双河村", "金竹村", "柏杨村", "红岩村", "新田村", "白果村", "长岭村", "大坪村", "杉木村",
    ];

    public static readonly string[] GroupNames = ["一组", "二组", "三组", "四组", "五组", "六组", "七组", "八组"];

    public static string Surname(Random random) => Pick(random, Surnames);

    public static string Given(Random random, Sex sex)
    {
        var characters = sex == Sex.Male ? MaleCharacters : FemaleCharacters;
        return random.Next(3) == 0 ? Pick(random, characters) : Pick(random, characters) + Pick(random, characters);
    }

    public static string Full(Random random, Sex sex) => Surname(random) + Given(random, sex);

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
