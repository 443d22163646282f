using System.Security.Cryptography;

namespace Sentrely.Sessions;

/// <summary>Creates the random identifiers Sentrely hands out (sessions, calls, audit records, approvals).</summary>
public static class Identifiers
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Returns a new session id: <c>sess_</c> and 20 random letters and digits.</summary>
    public static string NewSessionId() => "sess_" + RandomToken(20);

    /// <summary>Returns a new call id: <c>call_</c> and 12 random letters and digits.</summary>
    public static string NewCallId() => "call_" + RandomToken(12);

    /// <summary>Returns a new audit record id: <c>aud_</c> and 16 random letters and digits.</summary>
    public static string NewAuditRecordId() => "aud_" + RandomToken(16);

    /// <summary>Returns a new approval id: <c>apr_</c> and 20 random letters and digits (unguessable: the id is what a reviewer approves).</summary>
    public static string NewApprovalId() => "apr_" + RandomToken(20);

    /// <summary>Returns <paramref name="length"/> characters drawn uniformly from a–z and 0–9 by a CSPRNG.</summary>
    public static string RandomToken(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
