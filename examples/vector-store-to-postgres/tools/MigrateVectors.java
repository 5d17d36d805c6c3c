// Final vector migration (seed 003, step 2a, scripts/migrate_vectors_to_pgvector.py): copies every
// vector of the Qdrant export into memory_fragments.embedding (a pgvector column) of the new
// database, matching each point to its fragment by Qdrant id and org. Idempotent: running it again
// rewrites the same values. Exits 1 when fewer than 95% of the vectors found their fragment. Its
// last line is a JSON summary the plan checks.
//
//   DATABASE_URL=jdbc:postgresql://127.0.0.1:15433/syntra?sslmode=verify-full&sslrootcert=work/pg/server.crt \
//   DATABASE_USER=syntra_owner DATABASE_PASSWORD_FILE=work/pg/syntra_owner.password \
//   java -cp <cutover.jar> tools/MigrateVectors.java data/qdrant_export.jsonl

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Locale;

public class MigrateVectors {
  public static void main(String[] args) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(args[0])).stream().filter(l -> !l.isBlank()).toList();
    ObjectMapper json = new ObjectMapper();
    int migrated = 0;
    long start = System.nanoTime();
    try (Connection c = DriverManager.getConnection(System.getenv("DATABASE_URL"), System.getenv("DATABASE_USER"),
        Files.readString(Path.of(System.getenv("DATABASE_PASSWORD_FILE"))).trim())) {
      c.setAutoCommit(false);
      try (PreparedStatement st = c.prepareStatement("UPDATE memory_fragments SET embedding = ?::vector WHERE vector_id = ? AND org_id = ?")) {
        for (String line : lines) {
          JsonNode point = json.readTree(line);
          st.setString(1, point.get("vector").toString());
          st.setString(2, point.get("id").asText());
          st.setString(3, point.path("payload").path("org_id").asText());
          migrated += st.executeUpdate();
        }
      }
      c.commit();
    }
    double rate = lines.isEmpty() ? 100 : 100.0 * migrated / lines.size();
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(Locale.ROOT, "Migration complete: %d/%d vectors migrated%nSuccess Rate: %.1f%%%nDuration: %d ms%n",
        migrated, lines.size(), rate, ms);
    System.out.printf(Locale.ROOT, "{\"migrated\": %d, \"points\": %d, \"successRate\": %.1f, \"durationMs\": %d}%n", migrated, lines.size(), rate, ms);
    if (rate < 95) {
      System.exit(1);
    }
  }
}
