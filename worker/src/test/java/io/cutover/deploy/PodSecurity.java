package io.cutover.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The restricted Pod Security Standard (Kubernetes' "restricted" level, as admission enforces it
 * from 1.25) applied to a pod spec, plus what Cutover's pods add to it: a read-only root
 * filesystem, uid/gid and fsGroup of the image's user, and a writable /tmp.
 */
final class PodSecurity {
  /** The volume types the restricted level allows. */
  static final Set<String> RESTRICTED_VOLUMES =
      Set.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "persistentVolumeClaim",
          "projected",
          "secret");

  /** The image's user (deploy/Dockerfile). */
  static final int UID = 999;

  private PodSecurity() {}

  /**
   * What in {@code pod} (a pod spec) breaks the level; {@code alsoAllowed}: volume types accepted
   * anyway.
   */
  static List<String> violations(JsonNode pod, Set<String> alsoAllowed) {
    List<String> out = new ArrayList<>();
    JsonNode podCtx = pod.path("securityContext");
    for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
      if (pod.path(host).asBoolean(false)) {
        out.add(host);
      }
    }
    if (podCtx.path("runAsUser").asInt(-1) != UID || podCtx.path("fsGroup").asInt(-1) != UID) {
      out.add("pod securityContext runAsUser and fsGroup are not " + UID + ": " + podCtx);
    }
    Set<String> allowed = new HashSet<>(RESTRICTED_VOLUMES);
    allowed.addAll(alsoAllowed);
    for (JsonNode v : pod.path("volumes")) {
      v.fieldNames()
          .forEachRemaining(
              f -> {
                if (!f.equals("name") && !allowed.contains(f)) {
                  out.add("volume " + v.path("name").asText() + " of type " + f);
                }
              });
    }
    List<JsonNode> containers = new ArrayList<>();
    pod.path("initContainers").forEach(containers::add);
    pod.path("containers").forEach(containers::add);
    if (containers.isEmpty()) {
      out.add("no containers");
    }
    for (JsonNode c : containers) {
      String name = "container " + c.path("name").asText() + ": ";
      JsonNode ctx = c.path("securityContext");
      JsonNode nonRoot =
          ctx.has("runAsNonRoot") ? ctx.path("runAsNonRoot") : podCtx.path("runAsNonRoot");
      if (!nonRoot.asBoolean(false)) {
        out.add(name + "runAsNonRoot is not true");
      }
      JsonNode user = ctx.has("runAsUser") ? ctx.path("runAsUser") : podCtx.path("runAsUser");
      if (user.isMissingNode() || user.asInt() == 0) {
        out.add(name + "no non-zero runAsUser");
      }
      JsonNode seccomp =
          ctx.has("seccompProfile") ? ctx.path("seccompProfile") : podCtx.path("seccompProfile");
      if (!Set.of("RuntimeDefault", "Localhost").contains(seccomp.path("type").asText())) {
        out.add(name + "seccompProfile is not RuntimeDefault or Localhost: " + seccomp);
      }
      if (!ctx.path("allowPrivilegeEscalation").isBoolean()
          || ctx.path("allowPrivilegeEscalation").asBoolean()) {
        out.add(name + "allowPrivilegeEscalation is not false");
      }
      if (ctx.path("privileged").asBoolean(false)) {
        out.add(name + "privileged");
      }
      Set<String> dropped = new HashSet<>();
      ctx.path("capabilities").path("drop").forEach(d -> dropped.add(d.asText()));
      if (!dropped.contains("ALL")) {
        out.add(name + "capabilities do not drop ALL");
      }
      ctx.path("capabilities")
          .path("add")
          .forEach(
              a -> {
                if (!a.asText().equals("NET_BIND_SERVICE")) {
                  out.add(name + "adds capability " + a.asText());
                }
              });
      c.path("ports")
          .forEach(
              p -> {
                if (p.has("hostPort")) {
                  out.add(name + "hostPort " + p.path("hostPort"));
                }
              });
      if (!ctx.path("readOnlyRootFilesystem").asBoolean(false)) {
        out.add(name + "readOnlyRootFilesystem is not true");
      }
      boolean tmp = false;
      for (JsonNode m : c.path("volumeMounts")) {
        if (m.path("mountPath").asText().equals("/tmp") && !m.path("readOnly").asBoolean(false)) {
          tmp = true;
        }
      }
      if (!tmp) {
        out.add(name + "no writable /tmp (the root filesystem is read-only)");
      }
    }
    return out;
  }
}
