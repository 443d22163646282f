using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Sentrely.Sandbox.Signing;

/// <summary>The flexible checksums S3 accepts (x-amz-checksum-*), as base64 of the big-endian digest.</summary>
internal static class Checksums
{
    private static readonly uint[] Crc32Table = BuildTable32(0xEDB88320u);
    private static readonly uint[] Crc32CTable = BuildTable32(0x82F63B78u);
    private static readonly ulong[] Crc64NvmeTable = BuildTable64(0x9A6C9329AC4BC9B5ul);

    /// <summary>Computes the checksum named by a header (e.g. <c>x-amz-checksum-crc32</c>); null when unsupported.</summary>
    public static string? Compute(string headerName, ReadOnlySpan<byte> data) => headerName.ToLowerInvariant() switch
    {
        "x-amz-checksum-crc32" => Base64Be(Crc32(Crc32Table, data)),
        "x-amz-checksum-crc32c" => Base64Be(Crc32(Crc32CTable, data)),
        "x-amz-checksum-crc64nvme" => Base64Be(Crc64(data)),
        "x-amz-checksum-sha1" => Convert.ToBase64String(SHA1.HashData(data)),
        "x-amz-checksum-sha256" => Convert.ToBase64String(SHA256.HashData(data)),
        _ => null,
    };

    internal static uint Crc32(uint[] table, ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    internal static ulong Crc64(ReadOnlySpan<byte> data)
    {
        var crc = ulong.MaxValue;
        foreach (var b in data)
        {
            crc = Crc64NvmeTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static string Base64Be(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return Convert.ToBase64String(bytes);
    }

    private static string Base64Be(ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return Convert.ToBase64String(bytes);
    }

    private static uint[] BuildTable32(uint polynomial)
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }

    private static ulong[] BuildTable64(ulong polynomial)
    {
        var table = new ulong[256];
        for (var i = 0ul; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
