using System.Text.Json;

namespace BillingPortal.Cli.Config;

/// <summary>
/// The config file: <c>$XDG_CONFIG_HOME/billingportal/config.json</c> (else <c>~/.config/…</c>; <c>%APPDATA%\billingportal</c>
/// on Windows). It holds a secret, so on Unix the folder is 700 and the file 600 from the moment they exist: the file
/// is written beside itself with that mode and then moved over the old one.
/// </summary>
public sealed class ConfigStore(CliContext context)
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Folder
    {
        get
        {
            if (context.Environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg)
                return Path.Combine(xdg, "billingportal");
            if (OperatingSystem.IsWindows() && context.Environment("APPDATA") is { Length: > 0 } appData)
                return Path.Combine(appData, "billingportal");
            var home = context.Environment("HOME") is { Length: > 0 } h ? h : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
            return Path.Combine(home, ".config", "billingportal");
        }
    }

    public string FilePath => Path.Combine(Folder, "config.json");

    /// <summary>The saved config, or null before the first login.</summary>
    public CliConfig? Load()
    {
        if (!File.Exists(FilePath))
            return null;
        try
        {
            return JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(FilePath), Json.Options);
        }
        catch (JsonException e)
        {
            throw new CliException($"{FilePath} is not a config this CLI wrote ({e.Message}): run billing login again.");
        }
    }

    public void Save(CliConfig config)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder); // the user's profile folder is already private to them
            File.WriteAllText(FilePath, JsonSerializer.Serialize(config, Json.Options));
            return;
        }
        Directory.CreateDirectory(Folder, FolderMode);
        File.SetUnixFileMode(Folder, FolderMode); // an older, wider folder is narrowed too
        var temporary = FilePath + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode600 };
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(JsonSerializer.Serialize(config, Json.Options));
        File.Move(temporary, FilePath, overwrite: true);
    }
}
