namespace Sentrely.Sandbox;

/// <summary>Options for <see cref="AwsTestDouble.StartAsync"/>.</summary>
public sealed class AwsTestDoubleOptions
{
    /// <summary>Gets or sets the TCP port on 127.0.0.1.</summary>
    /// <value>0 (any free port).</value>
    public int Port { get; set; }

    /// <summary>Gets or sets the region every request must be signed for.</summary>
    /// <value><c>us-east-1</c>.</value>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Gets or sets the 12-digit account ID of the simulated account.</summary>
    /// <value><c>111122223333</c>.</value>
    public string AccountId { get; set; } = "111122223333";

    /// <summary>Gets or sets the clock used for signatures, credential expiry and timestamps.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the role ARNs the base credentials may assume.</summary>
    /// <value><see langword="null"/>: any role ARN of the account.</value>
    public IReadOnlyList<string>? AssumableRoles { get; set; }

    /// <summary>
    /// Gets or sets how many configuration reads (GetFunctionConfiguration or GetFunction) of $LATEST still
    /// report <c>LastUpdateStatus = InProgress</c> after an UpdateFunctionCode; the next read reports <c>Successful</c>.
    /// </summary>
    /// <value>2.</value>
    public int LambdaUpdateReadsUntilSuccessful { get; set; } = 2;

    /// <summary>Gets or sets the largest accepted request body in bytes.</summary>
    /// <value>100 MiB.</value>
    public long MaxRequestBodyBytes { get; set; } = 100L * 1024 * 1024;
}
