namespace Sentrely.Manifests;

/// <summary>Gets one Allow statement of a tool's session policy, before its placeholders are filled.</summary>
/// <param name="Actions">The IAM actions, for example <c>s3:PutObject</c>.</param>
/// <param name="Resources">The resource ARN templates.</param>
/// <param name="Conditions">The condition templates; every one must hold.</param>
public sealed record IamStatementTemplate(
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Resources,
    IReadOnlyList<IamConditionTemplate> Conditions);

/// <summary>Gets one IAM condition of a statement template, for example <c>StringEquals ec2:InstanceType {instanceType}</c>.</summary>
/// <param name="Operator">The IAM condition operator (<c>StringEquals</c>, <c>StringLike</c>, …).</param>
/// <param name="Key">The condition key.</param>
/// <param name="Values">The value templates.</param>
public sealed record IamConditionTemplate(string Operator, string Key, IReadOnlyList<string> Values);
