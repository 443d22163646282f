namespace Sentrely.Configuration;

/// <summary>Gets the <c>limits</c> section: cost limits, all off unless set, and the largest stdio message.</summary>
public sealed record LimitsConfig
{
    /// <summary>The default of <see cref="MaxMessageBytes"/>: 12 MiB, room for 8 MiB of inline content in base64.</summary>
    public const int DefaultMaxMessageBytes = 12 * 1024 * 1024;

    /// <summary>Gets the largest JSON-RPC message a stdio client may send; a larger one is refused before it is parsed.</summary>
    /// <value>Defaults to <see cref="DefaultMaxMessageBytes"/>; from 64 KiB to 64 MiB.</value>
    public int MaxMessageBytes { get; init; } = DefaultMaxMessageBytes;

    /// <summary>Gets the EC2 cost limits; null when <c>limits.ec2</c> is absent (no EC2 limit applies).</summary>
    public Ec2CostLimits? Ec2 { get; init; }
}
