namespace Sentrely.Pipeline;

/// <summary>
/// Gets the order of the pipeline's stages in one place (DESIGN.md's pipeline), spaced 1,000 apart so a
/// stage can be inserted without renumbering. Registration order plays no part; a test pins these values.
/// </summary>
public static class StageOrder
{
    /// <summary>Kill-switch check: a killed session is refused before anything else.</summary>
    public const int KillSwitch = 1000;

    /// <summary>Caller scope: a team-server token's tool globs (absent for stdio sessions).</summary>
    public const int CallerScope = 1500;

    /// <summary>Typed argument validation and resource ARN construction.</summary>
    public const int Validation = 2000;

    /// <summary>Policy decision.</summary>
    public const int Policy = 3000;

    /// <summary>Rate and cost limits.</summary>
    public const int Limits = 4000;

    /// <summary>
    /// Content pinning before approval: an approved deploy from S3 pins the package's current version (a read-only
    /// lookup), so the approval's fingerprint and the deploy both name those exact bytes.
    /// </summary>
    public const int ContentPin = 4500;

    /// <summary>Approval, when required.</summary>
    public const int Approval = 5000;

    /// <summary>Session policy and AssumeRole parameters for exactly this call.</summary>
    public const int CredentialScope = 6000;

    /// <summary>Rate limits: last of the middle stages, so only calls that go on to credential vending take a token.</summary>
    public const int RateLimits = 7000;

    /// <summary>
    /// Cost-limit reservations: after every other check, so only a launch that goes on to AWS holds headroom;
    /// re-checks the caps atomically, closing the gap between concurrent launches that <see cref="Limits"/> left open.
    /// </summary>
    public const int LimitReservations = 7500;
}
