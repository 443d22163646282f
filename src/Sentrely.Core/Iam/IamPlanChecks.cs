namespace Sentrely.Iam;

/// <summary>Checks the renderers make before they write a plan.</summary>
internal static class IamPlanChecks
{
    /// <summary>Throws when the plan has both a generated boundary and an existing boundary ARN: which one applies would be a guess.</summary>
    public static void ThrowIfAmbiguousBoundary(IamPlan plan)
    {
        if (plan.Boundary is not null && plan.BoundaryArn is not null)
        {
            throw new ArgumentException("The IAM plan has both a generated permissions boundary and a boundary ARN; a role can have only one boundary.", nameof(plan));
        }
    }
}
