using Sentrely.Sandbox.Policy;

namespace Sentrely.Sandbox.IamCheck;

/// <summary>A parsed statement and how reports name it.</summary>
internal sealed record LabelledStatement(string Label, PolicyStatement Statement);
