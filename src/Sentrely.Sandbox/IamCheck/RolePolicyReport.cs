namespace Sentrely.Sandbox.IamCheck;

/// <summary>What <see cref="RolePolicyCheck"/> found: grants the policy lacks, privileges beyond the plan, and parse problems.</summary>
/// <param name="Missing">Grants the role's tools need that the policy does not surely allow (those tools will fail).</param>
/// <param name="Excess">Ways the policy allows more than the tools need.</param>
/// <param name="Problems">Why a policy could not be read; when not empty the other lists are empty and nothing was checked.</param>
public sealed record RolePolicyReport(IReadOnlyList<MissingGrant> Missing, IReadOnlyList<ExcessGrant> Excess, IReadOnlyList<string> Problems)
{
    /// <summary>Gets whether the policy was read and allows exactly what the plan needs.</summary>
    public bool IsExact => Problems.Count == 0 && Missing.Count == 0 && Excess.Count == 0;
}
