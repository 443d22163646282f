using System.Globalization;
using System.Text.Json;
using Sentrely.Arguments;

namespace Sentrely.Limits;

/// <summary>
/// Gets a table of on-demand EC2 prices (US dollars per instance-hour). The shipped table is an ESTIMATE
/// for Linux in us-east-1, dated; <c>limits.ec2.prices</c> overrides or adds entries.
/// </summary>
public sealed class Ec2PriceTable
{
    private const string ResourceName = "Sentrely.Limits.ec2-prices.json";
    private static readonly Lazy<Ec2PriceTable> LazyShipped = new(LoadShipped);
    private readonly IReadOnlyDictionary<string, decimal> _prices;

    private Ec2PriceTable(string date, string region, string note, IReadOnlyDictionary<string, decimal> prices)
    {
        Date = date;
        Region = region;
        Note = note;
        _prices = prices;
    }

    /// <summary>Gets the table shipped with Sentrely (an embedded resource).</summary>
    public static Ec2PriceTable Shipped => LazyShipped.Value;

    /// <summary>Gets the date (<c>yyyy-MM-dd</c>) the prices were compiled.</summary>
    public string Date { get; }

    /// <summary>Gets the region the prices are for.</summary>
    public string Region { get; }

    /// <summary>Gets the table's own statement of what it is (it says ESTIMATE).</summary>
    public string Note { get; }

    /// <summary>Gets the prices by instance type.</summary>
    public IReadOnlyDictionary<string, decimal> Prices => _prices;

    /// <summary>Returns the hourly price of <paramref name="instanceType"/>: an override when configured, else the table's.</summary>
    /// <param name="instanceType">The instance type, for example <c>t3.micro</c>.</param>
    /// <param name="overrides">The configured <c>limits.ec2.prices</c>.</param>
    /// <returns>The price, or null when neither knows the type.</returns>
    public decimal? PriceOf(string instanceType, IReadOnlyDictionary<string, decimal> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return overrides.TryGetValue(instanceType, out var configured) ? configured
            : _prices.TryGetValue(instanceType, out var shipped) ? shipped
            : null;
    }

    /// <summary>Parses a price table document; throws <see cref="FormatException"/> when it is malformed.</summary>
    internal static Ec2PriceTable Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!root.GetProperty("estimate").GetBoolean())
            {
                throw new FormatException("the price table must declare itself an estimate");
            }

            var date = root.GetProperty("date").GetString() ?? "";
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                throw new FormatException($"the price table's date `{date}` is not yyyy-MM-dd");
            }

            var prices = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var entry in root.GetProperty("prices").EnumerateObject())
            {
                var price = entry.Value.GetDecimal();
                if (AwsArgumentRules.CheckInstanceType("instance type", entry.Name) is not null || price < 0)
                {
                    throw new FormatException($"the price table's entry `{entry.Name}` is malformed");
                }

                prices[entry.Name] = price;
            }

            return new Ec2PriceTable(date, root.GetProperty("region").GetString() ?? "", root.GetProperty("note").GetString() ?? "", prices);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"the price table is malformed: {ex.Message}", ex);
        }
    }

    private static Ec2PriceTable LoadShipped()
    {
        using var stream = typeof(Ec2PriceTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
