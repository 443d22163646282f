using System.Globalization;
using Sentrely.Arguments;
using YamlDotNet.RepresentationModel;

namespace Sentrely.Configuration;

/// <summary>Reads the <c>limits</c> section strictly: unknown keys, negative or non-numeric values and malformed instance types are errors.</summary>
internal static class LimitsSectionReader
{
    /// <summary>The largest instance cap accepted.</summary>
    public const int MaxInstances = 100_000;

    /// <summary>The largest dollar amount accepted (per hour).</summary>
    public const decimal MaxDollars = 1_000_000m;

    /// <summary>The smallest <c>limits.maxMessageBytes</c> accepted (64 KiB).</summary>
    public const int MinMessageBytes = 64 * 1024;

    /// <summary>The largest <c>limits.maxMessageBytes</c> accepted (64 MiB): the limit bounds the server's memory.</summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    private static readonly string[] Keys = ["ec2", "maxMessageBytes"];
    private static readonly string[] Ec2Keys = ["maxRunningPerSession", "maxRunningPerDeveloper", "maxHourlyCostPerSession", "prices"];

    public static LimitsConfig Read(YamlNodeReader reader, YamlNode node)
    {
        if (reader.Mapping(node, "limits", Keys) is not { } map)
        {
            return new LimitsConfig();
        }

        return new LimitsConfig
        {
            Ec2 = map.TryGetValue("ec2", out var ec2) && !YamlNodeReader.IsNull(ec2) ? ReadEc2(reader, ec2) : null,
            MaxMessageBytes = map.TryGetValue("maxMessageBytes", out var max)
                ? reader.Integer(max, "limits.maxMessageBytes", MinMessageBytes, MaxMessageBytes) ?? LimitsConfig.DefaultMaxMessageBytes
                : LimitsConfig.DefaultMaxMessageBytes,
        };
    }

    private static Ec2CostLimits ReadEc2(YamlNodeReader reader, YamlNode node)
    {
        const string field = "limits.ec2";
        if (reader.Mapping(node, field, Ec2Keys) is not { } map)
        {
            return new Ec2CostLimits();
        }

        return new Ec2CostLimits
        {
            MaxRunningPerSession = Count(reader, map, field, "maxRunningPerSession"),
            MaxRunningPerDeveloper = Count(reader, map, field, "maxRunningPerDeveloper"),
            MaxHourlyCostPerSession = map.TryGetValue("maxHourlyCostPerSession", out var cost) ? Dollars(reader, cost, FieldPath.Child(field, "maxHourlyCostPerSession")) : null,
            Prices = map.TryGetValue("prices", out var prices) ? ReadPrices(reader, prices, FieldPath.Child(field, "prices")) : new Dictionary<string, decimal>(StringComparer.Ordinal),
        };
    }

    private static int? Count(YamlNodeReader reader, Dictionary<string, YamlNode> map, string parent, string key) =>
        map.TryGetValue(key, out var node) ? reader.Integer(node, FieldPath.Child(parent, key), 0, MaxInstances) : null;

    private static Dictionary<string, decimal> ReadPrices(YamlNodeReader reader, YamlNode node, string field)
    {
        var prices = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (keyNode, type, value) in reader.FreeMapping(node, field, "instance types to US dollars per hour, for example `{ \"t3.micro\": 0.0104 }`") ?? [])
        {
            var priceField = FieldPath.Child(field, type);
            if (AwsArgumentRules.CheckInstanceType("instance type", type) is not null)
            {
                reader.Error(keyNode, priceField, ConfigErrorCodes.InvalidValue,
                    $"`{Shorten(type)}` is not an instance type: write a family, '.', and a size, such as `t3.micro` (globs are not allowed here)");
                continue;
            }

            if (Dollars(reader, value, priceField) is { } price)
            {
                prices[type] = price;
            }
        }

        return prices;
    }

    private static decimal? Dollars(YamlNodeReader reader, YamlNode node, string field)
    {
        var text = reader.String(node, field);
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            reader.Error(node, field, ConfigErrorCodes.InvalidValue, $"`{Shorten(text)}` is not a number of US dollars per hour: write digits such as `2.50` (no currency sign)");
            return null;
        }

        if (value < 0 || value > MaxDollars)
        {
            reader.Error(node, field, ConfigErrorCodes.InvalidValue, $"`{text}` must be from 0 to {MaxDollars.ToString(CultureInfo.InvariantCulture)} US dollars per hour");
            return null;
        }

        return value;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
