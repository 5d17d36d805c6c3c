package io.cutover.worker.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every payload (plans, reports, activity arguments and results, heartbeat details) with
 * AES-256-GCM before it reaches Temporal, so plans and reports are encrypted at rest in its
 * database. The key id travels in the payload's metadata; decoding picks the key by id, so keys can
 * be rotated by adding the new one and keeping the old for running cutovers. Payloads that are not
 * encrypted (e.g. a plan typed into the UI) pass through unchanged.
 */
public final class AesGcmCodec implements PayloadCodec {
  public static final String ENCODING = "binary/encrypted";
  public static final String KEY_ID = "encryption-key-id";
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final String activeKeyId;
  private final Map<String, SecretKey> keys;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param keys key id to key; {@code activeKeyId} encrypts, every key decrypts.
   */
  public AesGcmCodec(String activeKeyId, Map<String, SecretKey> keys) {
    if (!keys.containsKey(activeKeyId)) {
      throw new IllegalArgumentException("no key with id " + activeKeyId);
    }
    this.activeKeyId = activeKeyId;
    this.keys = Map.copyOf(keys);
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  private Payload encrypt(Payload p) {
    try {
      byte[] nonce = new byte[NONCE];
      random.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(activeKeyId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(p.toByteArray());
      return Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFromUtf8(ENCODING))
          .putMetadata(KEY_ID, ByteString.copyFromUtf8(activeKeyId))
          .setData(
              ByteString.copyFrom(
                  ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array()))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(e);
    }
  }

  private Payload decrypt(Payload p) {
    ByteString encoding = p.getMetadataMap().get("encoding");
    if (encoding == null || !ENCODING.equals(encoding.toStringUtf8())) {
      return p;
    }
    String keyId = p.getMetadataMap().getOrDefault(KEY_ID, ByteString.EMPTY).toStringUtf8();
    SecretKey key = keys.get(keyId);
    if (key == null) {
      throw new PayloadCodecException(
          "payload encrypted with key id '"
              + keyId
              + "', which this process does not have"
              + " (known: "
              + String.join(", ", keys.keySet())
              + ")");
    }
    try {
      byte[] data = p.getData().toByteArray();
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE));
      c.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      return Payload.parseFrom(c.doFinal(data, NONCE, data.length - NONCE));
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException(e);
    }
  }
}
