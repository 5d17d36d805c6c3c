package io.cutover.worker;

import io.cutover.activities.plan.PlanLoader;
import io.cutover.api.CutoverInput;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The standard JSON converter, except that a workflow input that is not JSON at all still decodes
 * into a {@link CutoverInput} the plan loader then rejects with a readable error. Without it such
 * an input fails every workflow task and the run hangs, Running, forever.
 */
public final class TolerantInputConverter extends JacksonJsonPayloadConverter {
  /** Key of the marker the plan loader recognises as "the input could not be decoded". */
  public static final String UNDECODABLE = PlanLoader.UNDECODABLE;

  /** The default data converter with this JSON converter in place of the standard one. */
  public static DataConverter dataConverter() {
    return DefaultDataConverter.newDefaultInstance()
        .withPayloadConverterOverrides(new TolerantInputConverter());
  }

  @Override
  public <T> T fromData(Payload content, Class<T> valueClass, Type valueType)
      throws DataConverterException {
    try {
      return super.fromData(content, valueClass, valueType);
    } catch (DataConverterException e) {
      if (valueClass != CutoverInput.class) {
        throw e;
      }
      String text = content.getData().toString(StandardCharsets.UTF_8);
      String shown = text.length() > 120 ? text.substring(0, 120) + "…" : text;
      return valueClass.cast(
          new CutoverInput(Map.of(UNDECODABLE, "the workflow input is not valid JSON: " + shown)));
    }
  }
}
