namespace Sentrely.Configuration;

/// <summary>Gets the <c>limits</c> section: cost limits, all off unless set.</summary>
public sealed record LimitsConfig
{
    /// <summary>Gets the EC2 cost limits; null when <c>limits.ec2</c> is absent (no EC2 limit applies).</summary>
    public Ec2CostLimits? Ec2 { get; init; }
}
