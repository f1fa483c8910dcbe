using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Corral.Config;

/// <summary>Reading a YAML file's text and root node, with the file named in every error.</summary>
internal static class YamlFiles
{
    public static (string FullPath, string Text) Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ConfigException(path, 0, 0, "file", "no such file");
        }

        return (full, File.ReadAllText(full));
    }

    public static YamlNode Root(string yaml, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ConfigException(path, e.Start.Line, e.Start.Column, "yaml", e.InnerException?.Message ?? e.Message);
        }

        if (stream.Documents.Count == 0)
        {
            throw new ConfigException(path, 1, 1, "(top level)", "the file is empty");
        }

        return stream.Documents[0].RootNode;
    }
}
