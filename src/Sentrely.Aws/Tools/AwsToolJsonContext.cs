using System.Text.Json.Serialization;
using Sentrely.Aws.Lambda;
using Sentrely.Aws.Tools.Ec2;
using Sentrely.Aws.Tools.Lambda;
using Sentrely.Aws.Tools.S3;

namespace Sentrely.Aws.Tools;

/// <summary>
/// Source-generated JSON metadata of the AWS tools' arguments and results. Binding is strict: undeclared
/// arguments, wrong types, numbers in strings and missing required arguments are all errors.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(PutBuildArtifactArguments))]
[JsonSerializable(typeof(PutBuildArtifactResult))]
[JsonSerializable(typeof(GetBuildArtifactArguments))]
[JsonSerializable(typeof(GetBuildArtifactResult))]
[JsonSerializable(typeof(ListBuildArtifactsArguments))]
[JsonSerializable(typeof(ListBuildArtifactsResult))]
[JsonSerializable(typeof(UpdateFunctionCodeArguments))]
[JsonSerializable(typeof(UpdateFunctionCodeResult))]
[JsonSerializable(typeof(GetFunctionArguments))]
[JsonSerializable(typeof(FunctionConfiguration))]
[JsonSerializable(typeof(ListFunctionsArguments))]
[JsonSerializable(typeof(ListFunctionsResult))]
[JsonSerializable(typeof(DescribeInstancesArguments))]
[JsonSerializable(typeof(DescribeInstancesResult))]
[JsonSerializable(typeof(RunInstancesArguments))]
[JsonSerializable(typeof(RunInstancesResult))]
[JsonSerializable(typeof(InstanceIdsArguments))]
[JsonSerializable(typeof(InstanceStateChangesResult))]
internal sealed partial class AwsToolJsonContext : JsonSerializerContext;
