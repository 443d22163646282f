namespace Sentrely.Sandbox.State;

/// <summary>A Lambda function's mutable state; only touched under <see cref="SandboxState.Gate"/>.</summary>
internal sealed class LambdaFunction(LambdaFunctionConfig latest, byte[] code)
{
    public LambdaFunctionConfig Latest { get; set; } = latest;

    public byte[] Code { get; set; } = code;

    /// <summary>Gets or sets how many more reads report InProgress before the update completes.</summary>
    public int PendingReads { get; set; }

    public List<LambdaFunctionConfig> Published { get; } = [];

    /// <summary>Reads $LATEST the way a GetFunction(Configuration) call observes it, advancing a pending update.</summary>
    public LambdaFunctionConfig ObserveLatest()
    {
        if (Latest.LastUpdateStatus == "InProgress")
        {
            if (PendingReads > 0)
            {
                PendingReads--;
            }
            else
            {
                Latest = Latest with { LastUpdateStatus = "Successful" };
            }
        }

        return Latest;
    }
}
