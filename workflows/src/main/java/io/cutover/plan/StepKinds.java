package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The step type names a plan may use, read from {@link Step}'s subtype registration. */
public final class StepKinds {
  private static final Map<Class<?>, String> NAMES = new ConcurrentHashMap<>();
  private static final List<String> ALL;

  static {
    List<String> all = new ArrayList<>();
    for (JsonSubTypes.Type t : Step.class.getAnnotation(JsonSubTypes.class).value()) {
      NAMES.put(t.value(), t.name());
      all.add(t.name());
    }
    ALL = Collections.unmodifiableList(all);
  }

  private StepKinds() {}

  public static String nameOf(Class<?> stepClass) {
    String name = NAMES.get(stepClass);
    if (name == null) {
      throw new IllegalStateException(stepClass.getName() + " is not registered in Step");
    }
    return name;
  }

  public static List<String> all() {
    return ALL;
  }
}
