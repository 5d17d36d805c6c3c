package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Someone allowed to decide a gate: written as a name, or as {@code {name, role, publicKey}}. With
 * a {@code publicKey} (base64 Ed25519, from {@code cutover keygen}) the approver's decisions count
 * only when signed with the matching private key ({@code cutover approve --key FILE}).
 */
public record Approver(@JsonProperty(required = true) String name, String role, String publicKey) {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Approver named(String name) {
    return new Approver(name, null, null);
  }

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public Approver {}

  public Approver(String name, String role) {
    this(name, role, null);
  }

  /**
   * True when this approver's decisions must be signed with the key matching {@link #publicKey}.
   */
  public boolean signs() {
    return publicKey != null && !publicKey.isBlank();
  }
}
