package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;

/**
 * Reads and writes a step's {@code type} through {@link StepKinds}, so the registry is the one list
 * of step types for every ObjectMapper (the plan loader's, Temporal's payload converter's) without
 * registering subtypes on each.
 */
public final class StepTypeResolver extends TypeIdResolverBase {
  @Override
  public String idFromValue(Object value) {
    return StepKinds.nameOf(value.getClass());
  }

  @Override
  public String idFromValueAndType(Object value, Class<?> suggestedType) {
    return StepKinds.nameOf(value == null ? suggestedType : value.getClass());
  }

  @Override
  public JavaType typeFromId(DatabindContext context, String id) {
    StepKind<?> kind = StepKinds.named(id);
    // Null makes Jackson throw InvalidTypeIdException, which the plan loader turns into
    // "unknown step type 'x' (did you mean ...)".
    return kind == null ? null : context.constructType(kind.type());
  }

  @Override
  public String getDescForKnownTypeIds() {
    return String.join(", ", StepKinds.all());
  }

  @Override
  public JsonTypeInfo.Id getMechanism() {
    return JsonTypeInfo.Id.CUSTOM;
  }
}
