package io.cutover.worker.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where the payload key comes from: {@code CUTOVER_CODEC_KEY} (base64 of 32 bytes) or {@code
 * CUTOVER_CODEC_KEY_FILE} (a file holding that), optional {@code CUTOVER_CODEC_KEY_ID}, and older
 * keys still needed for decoding in {@code CUTOVER_CODEC_OLD_KEYS} ({@code id=base64,…}). Without a
 * key, payloads are plain JSON, as Temporal stores them by default.
 */
public final class CodecKeys {
  private CodecKeys() {}

  public static Optional<AesGcmCodec> fromEnvironment(Map<String, String> env) {
    String encoded = env.get("CUTOVER_CODEC_KEY");
    if ((encoded == null || encoded.isBlank()) && env.get("CUTOVER_CODEC_KEY_FILE") != null) {
      try {
        encoded =
            Files.readString(Path.of(env.get("CUTOVER_CODEC_KEY_FILE")), StandardCharsets.UTF_8)
                .trim();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read CUTOVER_CODEC_KEY_FILE: " + e.getMessage(), e);
      }
    }
    if (encoded == null || encoded.isBlank()) {
      return Optional.empty();
    }
    SecretKey key = key(encoded, "CUTOVER_CODEC_KEY");
    String id = env.getOrDefault("CUTOVER_CODEC_KEY_ID", idOf(key));
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    keys.put(id, key);
    String old = env.get("CUTOVER_CODEC_OLD_KEYS");
    if (old != null && !old.isBlank()) {
      for (String pair : old.split(",")) {
        String[] kv = pair.trim().split("=", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException("CUTOVER_CODEC_OLD_KEYS is id=base64key,id=base64key");
        }
        keys.put(kv[0], key(kv[1], "CUTOVER_CODEC_OLD_KEYS"));
      }
    }
    return Optional.of(new AesGcmCodec(id, keys));
  }

  static SecretKey key(String base64, String from) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          from + " is not base64: generate one with `head -c 32 /dev/urandom | base64`");
    }
    if (bytes.length != 32) {
      throw new IllegalArgumentException(
          from + " must hold 32 bytes (AES-256), it holds " + bytes.length);
    }
    return new SecretKeySpec(bytes, "AES");
  }

  /** A key's id when none is given: the first 8 hex digits of its SHA-256, never the key itself. */
  static String idOf(SecretKey key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()))
          .substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
