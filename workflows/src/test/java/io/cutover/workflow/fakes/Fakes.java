package io.cutover.workflow.fakes;

import io.cutover.workflow.CutoverSearchAttributes;
import io.cutover.workflow.CutoverWorkflowImpl;
import io.cutover.workflow.MonitorWorkflowImpl;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowExtension;

/**
 * The fake activities, one call log for all of them, and a time-skipping test environment running
 * the real cutover and monitor workflows on them. The activity objects are shared by every test of
 * a JVM: call {@link #reset()} before each test (tests of a module run one at a time).
 */
public final class Fakes {
  public static final CallLog LOG = new CallLog();
  public static final FakeWatchActivities WATCH = new FakeWatchActivities(LOG);

  private Fakes() {}

  public static void reset() {
    LOG.reset();
    WATCH.reset();
  }

  public static Object[] activities() {
    return new Object[] {
      new FakePlanActivities(),
      new FakePreflightActivities(),
      new FakeLockActivities(LOG),
      new FakeCommandActivities(LOG),
      new FakeBackupActivities(LOG),
      new FakeDataActivities(LOG),
      new FakeMaintenanceActivities(LOG),
      new FakeNotifyActivities(LOG),
      new FakePreviewActivities(LOG),
      new FakeValidateActivities(LOG),
      new FakeRecordActivities(LOG),
      WATCH
    };
  }

  public static TestWorkflowExtension.Builder builder() {
    TestWorkflowExtension.Builder b =
        TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(
                CutoverWorkflowImpl.class, MonitorWorkflowImpl.class)
            .setActivityImplementations(activities());
    for (var key : CutoverSearchAttributes.ALL) {
      b.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    return b;
  }

  /** Time-skipping test server with the real workflows on the fake activities. */
  public static TestWorkflowExtension extension() {
    return builder().build();
  }
}
