using Microsoft.Extensions.Time.Testing;
using Sentrely.Credentials;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Credentials;

public sealed class CachingCredentialVendorTests
{
    private static CredentialRequest Request(string policy = "{}", string tool = "get-build-artifact", string name = "sess_a.call_1") =>
        new("arn:aws:iam::111122223333:role/read", policy, [new("tool", tool)], "jordan", name, 900);

    [Fact]
    public async Task VendAsync_SameScope_ReusesUntilFiveMinutesBeforeExpiry()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var inner = new RecordingCredentialVendor(time);
        var vendor = new CachingCredentialVendor(inner, time);

        var first = await vendor.VendAsync(Request(), default);
        var second = await vendor.VendAsync(Request(name: "sess_a.call_2"), default);
        time.Advance(TimeSpan.FromMinutes(9));
        var third = await vendor.VendAsync(Request(), default);
        time.Advance(TimeSpan.FromMinutes(1));
        var fourth = await vendor.VendAsync(Request(), default);

        Assert.Same(first, second);
        Assert.Same(first, third);
        Assert.NotSame(first, fourth);
        Assert.Equal(2, inner.Requests.Count);
    }

    [Theory]
    [InlineData("{\"other\":1}", "get-build-artifact")]
    [InlineData("{}", "put-build-artifact")]
    public async Task VendAsync_DifferentPolicyOrTags_NeverShared(string policy, string tool)
    {
        var time = new FakeTimeProvider();
        var inner = new RecordingCredentialVendor(time);
        var vendor = new CachingCredentialVendor(inner, time);

        var first = await vendor.VendAsync(Request(), default);
        var other = await vendor.VendAsync(Request(policy, tool), default);

        Assert.NotSame(first, other);
        Assert.Equal(2, inner.Requests.Count);
    }
}
