package io.cutover.workflow;

import io.cutover.plan.ConfigStep;
import io.cutover.plan.Database;
import io.cutover.plan.MaintenanceStep;
import io.cutover.plan.Plan;
import io.cutover.plan.PostgresDatabase;
import io.cutover.plan.Service;
import io.cutover.plan.SqliteDatabase;
import io.cutover.plan.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resources a plan can change, each as a key that is the same whichever plan, copy or workflow
 * id names it: a SQLite file by its absolute path, a PostgreSQL database by its JDBC URL without
 * parameters, a config or flag file by its absolute path, a managed service by its pid file (else
 * its restart command). Pure string work on the plan (no file system access), so it is
 * deterministic workflow code; paths are normalized, symbolic links are not followed.
 */
public final class ResourceKeys {
  private ResourceKeys() {}

  /**
   * Key to what a person reads in a message, e.g. {@code database 'prod'
   * (sqlite:/srv/app/prod.db)}.
   */
  static Map<String, String> of(Plan plan) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (Map.Entry<String, Database> e : plan.resources().databases().entrySet()) {
      String key =
          e.getValue() instanceof SqliteDatabase s
              ? "sqlite:" + path(plan, s.path())
              : e.getValue() instanceof PostgresDatabase p
                  ? "postgres:" + withoutParameters(p.url())
                  : null;
      if (key != null) {
        keys.putIfAbsent(key, "database '" + e.getKey() + "' (" + key + ")");
      }
    }
    for (Map.Entry<String, Service> e : plan.resources().services().entrySet()) {
      Service s = e.getValue();
      String key =
          s.pidFile() != null
              ? "service:" + path(plan, s.pidFile())
              : "service:" + String.join(" ", s.restart());
      keys.putIfAbsent(key, "service '" + e.getKey() + "' (" + key + ")");
    }
    for (Step step : all(plan)) {
      if (step instanceof ConfigStep c) {
        String key = "file:" + path(plan, c.file());
        keys.putIfAbsent(key, "config file " + c.file() + " (" + key + ")");
      } else if (step instanceof MaintenanceStep m && m.flag() != null) {
        String key = "file:" + path(plan, m.flag());
        keys.putIfAbsent(key, "maintenance flag " + m.flag() + " (" + key + ")");
      }
    }
    return keys;
  }

  /** The lock workflow's id for a key: stable, short, and free of the key's own characters. */
  public static String lockWorkflowId(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder("cutover-lock-");
      for (int i = 0; i < 10; i++) {
        sb.append(String.format("%02x", d[i]));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Step> all(Plan plan) {
    List<Step> out = new ArrayList<>(plan.steps());
    out.addAll(plan.rollback());
    return out;
  }

  private static String path(Plan plan, String p) {
    Path base = Path.of(plan.baseDir() == null ? "/" : plan.baseDir());
    return base.resolve(p).normalize().toString();
  }

  private static String withoutParameters(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }
}
