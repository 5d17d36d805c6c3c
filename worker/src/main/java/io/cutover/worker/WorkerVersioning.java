package io.cutover.worker;

import io.temporal.common.VersioningBehavior;
import io.temporal.common.WorkerDeploymentVersion;
import io.temporal.worker.WorkerDeploymentOptions;
import java.util.regex.Pattern;

/**
 * Temporal worker deployment versioning for a Cutover worker build. A cutover runs for hours to
 * days; a new worker build rolled out meanwhile must not take over a run it was not started on.
 * With a build id, every worker of this process polls as version {@code <deployment>.<build id>}
 * and a cutover (and its monitor windows) is <b>pinned</b> to the version it started on: its
 * workflow and activity tasks go only to workers of that build, until it ends. New runs go to the
 * deployment's current version, which the operator moves with {@code temporal worker deployment
 * set-current-version}. Resource locks ({@code ResourceLockWorkflowImpl}) live across cutovers and
 * are marked auto-upgrade.
 *
 * @param deploymentName the worker deployment (default {@code cutover})
 * @param buildId this build (e.g. the image tag or git commit)
 */
public record WorkerVersioning(String deploymentName, String buildId) {
  public static final String DEFAULT_DEPLOYMENT = "cutover";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-]{0,254}");

  /**
   * A build id may carry dots (2026-12-04.1, v1.4.2): the version string splits at the first one.
   */
  private static final Pattern BUILD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,254}");

  /**
   * @throws IllegalArgumentException saying which option to fix
   */
  public WorkerVersioning {
    if (deploymentName == null || !NAME.matcher(deploymentName).matches()) {
      throw new IllegalArgumentException(
          "--deployment-name '"
              + deploymentName
              + "' must be letters, digits, '-' or '_' (it is joined to the build id with a '.')");
    }
    if (buildId == null || !BUILD.matcher(buildId).matches()) {
      throw new IllegalArgumentException(
          "--build-id '"
              + buildId
              + "' must be letters, digits, '.', '-' or '_', e.g. a git commit or image tag");
    }
  }

  /** The SDK options: versioned, pinned by default. */
  public WorkerDeploymentOptions options() {
    return WorkerDeploymentOptions.newBuilder()
        .setUseVersioning(true)
        .setVersion(new WorkerDeploymentVersion(deploymentName, buildId))
        .setDefaultVersioningBehavior(VersioningBehavior.PINNED)
        .build();
  }

  @Override
  public String toString() {
    return deploymentName + "." + buildId;
  }
}
