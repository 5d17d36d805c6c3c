// TEMPORARY stand-in for the `config` step (issue 3, not on main yet): sets `environment = "<env>"`
// under [sync] in a TOML file, changing nothing else (comments and layout stay), atomically.
//   java service/SetEnvironment.java sync.toml production
// Replace the plan's switch-to-production step with `type: config` once that step type lands.

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class SetEnvironment {
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Pattern key = Pattern.compile("^(\\s*environment\\s*=\\s*)\"[^\"]*\"(.*)$");
    boolean inSync = false;
    boolean changed = false;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).trim();
      if (l.startsWith("[")) {
        inSync = l.equals("[sync]");
      } else if (inSync) {
        Matcher m = key.matcher(lines.get(i));
        if (m.matches()) {
          lines.set(i, m.group(1) + "\"" + args[1] + "\"" + m.group(2));
          changed = true;
        }
      }
    }
    if (!changed) {
      System.out.println("no environment key under [sync] in " + file);
      System.exit(2);
    }
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.write(tmp, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("{\"file\": \"" + file + "\", \"environment\": \"" + args[1] + "\"}");
  }
}
