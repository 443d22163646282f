using Sentrely.Configuration;

namespace Sentrely.Core.Tests.Configuration;

public class LocalSectionsTests
{
    [Fact]
    public void Parse_IdentityFilesStore_ReadsAndExpandsHome()
    {
        // Arrange
        var yaml = "identity:\n  developer: jordan.k@example\n  project: backend api\nfiles:\n  roots: [\"~/shared\", /srv/builds/../artifacts]\nstore:\n  sqlite: ~/state/s.db\n";

        // Act
        var config = ConfigAssert.Valid(yaml);

        // Assert
        Assert.Equal(("jordan.k@example", "backend api"), (config.Identity.Developer, config.Identity.Project));
        Assert.Equal(["/home/jordan/shared", "/srv/artifacts"], config.Files.Roots);
        Assert.Equal("/home/jordan/state/s.db", config.Store.Sqlite);
    }

    [Theory]
    [InlineData("j")]
    [InlineData("jordan smith")]
    [InlineData("jördan")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Parse_DeveloperOutsideSourceIdentityCharset_Error(string developer)
    {
        // Act
        var error = ConfigAssert.Single($"identity:\n  developer: \"{developer}\"\n");

        // Assert
        Assert.Equal((ConfigErrorCodes.InvalidIdentity, "identity.developer"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData("relative/dir")]
    [InlineData("~other/dir")]
    [InlineData("/")]
    public void Parse_BadFilesRoot_Error(string root)
    {
        // Act
        var error = ConfigAssert.Single($"files:\n  roots: [\"{root}\"]\n");

        // Assert
        Assert.Equal((ConfigErrorCodes.InvalidPath, "files.roots[0]"), (error.Code, error.Field));
    }

    [Fact]
    public void Parse_RelativeSqlitePath_Error()
    {
        // Act
        var error = ConfigAssert.Single("store:\n  sqlite: sentrely.db\n");

        // Assert
        Assert.Equal((ConfigErrorCodes.InvalidPath, "store.sqlite"), (error.Code, error.Field));
    }

    [Fact]
    public void Parse_PostgresStore_ConnectionStringKept()
    {
        // Act
        var config = ConfigAssert.Valid("store:\n  postgres: \"Host=db;Database=sentrely;Username=app;Password=hunter2\"\n");

        // Assert
        Assert.Equal("Host=db;Database=sentrely;Username=app;Password=hunter2", config.Store.Postgres);
        Assert.Null(config.Store.Sqlite);
    }

    [Theory]
    [InlineData("store:\n  postgres: \"\"\n", "store.postgres")]
    [InlineData("store:\n  postgres: \"  \"\n", "store.postgres")]
    [InlineData("store:\n  sqlite: /var/lib/sentrely.db\n  postgres: \"Host=db;Password=hunter2\"\n", "store.sqlite")]
    public void Parse_PostgresEmptyOrBesideSqlite_InvalidStoreWithoutPassword(string yaml, string field)
    {
        // Act
        var error = ConfigAssert.Single(yaml);

        // Assert
        Assert.Equal((ConfigErrorCodes.InvalidStore, field), (error.Code, error.Field));
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }
}
