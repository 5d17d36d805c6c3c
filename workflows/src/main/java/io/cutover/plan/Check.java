package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A read-only check against a database, selected by {@code type}. A check that ran and found a
 * problem says "no"; a check that could not run (connection lost) is retried.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = CountCheck.class, name = "count"),
  @JsonSubTypes.Type(value = ValueCheck.class, name = "value"),
  @JsonSubTypes.Type(value = OrphanCheck.class, name = "orphans"),
  @JsonSubTypes.Type(value = UniqueCheck.class, name = "unique"),
  @JsonSubTypes.Type(value = ProtectedCheck.class, name = "protected-unchanged"),
  @JsonSubTypes.Type(value = IntegrityCheck.class, name = "integrity"),
  @JsonSubTypes.Type(value = ParityCountCheck.class, name = "parity-counts"),
  @JsonSubTypes.Type(value = ParityChecksumCheck.class, name = "parity-checksum"),
  @JsonSubTypes.Type(value = ParityLookupCheck.class, name = "parity-lookup"),
  @JsonSubTypes.Type(value = ParitySliceCheck.class, name = "parity-slice"),
  @JsonSubTypes.Type(value = ParityQueryCheck.class, name = "parity-query"),
  @JsonSubTypes.Type(value = SequenceCheck.class, name = "sequences"),
  @JsonSubTypes.Type(value = ForeignKeyCheck.class, name = "foreign-keys"),
})
public interface Check {
  /** Label in the report; defaults to a description of the check. */
  String name();
}
