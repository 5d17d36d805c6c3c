package io.cutover.worker.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The codec server's routes over plain HTTP, as the Temporal UI 2.54 and the temporal CLI call
 * them: {@code /decode} and {@code /{namespace}/decode} (with the UI's query string), the {@code
 * X-Namespace} header, refusals as 403 JSON, and the UI page's CORS preflight.
 */
class CodecServerTest {
  static final String UI = "http://127.0.0.1:8233";
  static final String PLAIN = "{\"planFile\": \"/srv/plans/secret-plan.yaml\"}";
  static final ObjectMapper JSON = new ObjectMapper();

  final HttpClient http = HttpClient.newHttpClient();
  final AesGcmCodec codec = codec();
  CodecServer server;

  static AesGcmCodec codec() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return CodecKeys.fromEnvironment(
            Map.of("CUTOVER_CODEC_KEY", Base64.getEncoder().encodeToString(key)))
        .orElseThrow();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  CodecServer start(Set<String> namespaces) throws Exception {
    server =
        new CodecServer(
            codec,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            List.of(UI),
            namespaces);
    return server;
  }

  static String payloads(Payload p) throws Exception {
    return JsonFormat.printer().print(Payloads.newBuilder().addPayloads(p).build());
  }

  static Payload plain() {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(PLAIN))
        .build();
  }

  static Payload first(String body) throws Exception {
    Payloads.Builder b = Payloads.newBuilder();
    JsonFormat.parser().merge(body, b);
    return b.getPayloads(0);
  }

  HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      r.headers(headers);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String error(HttpResponse<String> r) throws Exception {
    JsonNode n = JSON.readTree(r.body());
    assertTrue(n.hasNonNull("error"), () -> "a JSON error: " + r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    return n.get("error").asText();
  }

  @Test
  void encodesAndDecodesOnEveryRouteTheUiAndCliUse() throws Exception {
    start(Set.of());
    // The UI encodes a Start Workflow input through /encode with its query string and X-Namespace.
    HttpResponse<String> encoded =
        post(
            "/encode?preserveStorageRefs=true",
            payloads(plain()),
            "X-Namespace",
            "default",
            "Origin",
            UI);
    assertEquals(200, encoded.statusCode(), encoded::body);
    Payload sealed = first(encoded.body());
    assertEquals(AesGcmCodec.ENCODING, sealed.getMetadataOrThrow("encoding").toStringUtf8());
    assertFalse(sealed.getData().toStringUtf8().contains("secret-plan"), "ciphertext only");
    assertEquals(
        UI,
        encoded.headers().firstValue("Access-Control-Allow-Origin").orElse(""),
        "the UI's page may read the answer");

    for (String[] route :
        List.of(
            new String[] {"/decode?preserveStorageRefs=true", "X-Namespace", "default"},
            new String[] {"/default/decode", "X-Namespace", "default"},
            new String[] {"/default/decode"},
            new String[] {"/decode"})) {
      String[] headers = List.of(route).subList(1, route.length).toArray(String[]::new);
      HttpResponse<String> decoded = post(route[0], payloads(sealed), headers);
      assertEquals(200, decoded.statusCode(), () -> route[0] + ": " + decoded.body());
      assertEquals(PLAIN, first(decoded.body()).getData().toStringUtf8(), route[0]);
    }
    HttpResponse<String> viaNamespacePath = post("/default/encode", payloads(plain()));
    assertEquals(200, viaNamespacePath.statusCode(), viaNamespacePath::body);
    assertEquals(
        PLAIN,
        codec.decode(List.of(first(viaNamespacePath.body()))).get(0).getData().toStringUtf8());
  }

  @Test
  void aServerForOneNamespaceRefusesAnotherWith403() throws Exception {
    start(Set.of("payments"));
    String sealed = payloads(codec.encode(List.of(plain())).get(0));
    assertEquals(200, post("/decode", sealed, "X-Namespace", "payments").statusCode());
    assertEquals(200, post("/payments/decode", sealed).statusCode());

    HttpResponse<String> other = post("/decode", sealed, "X-Namespace", "default");
    assertEquals(403, other.statusCode());
    assertTrue(
        error(other).contains("namespace 'default' is not served")
            && error(other).contains("payments"),
        other::body);
    assertFalse(other.body().contains("secret-plan"));
    HttpResponse<String> otherPath = post("/default/encode", payloads(plain()));
    assertEquals(403, otherPath.statusCode(), otherPath::body);
    HttpResponse<String> none = post("/decode", sealed);
    assertEquals(403, none.statusCode());
    assertTrue(error(none).contains("names none"), none::body);
    HttpResponse<String> conflict = post("/payments/decode", sealed, "X-Namespace", "default");
    assertEquals(400, conflict.statusCode());
    assertTrue(error(conflict).contains("X-Namespace"), conflict::body);
  }

  @Test
  void answersTheUiPagesPreflightAndRefusesOtherOrigins() throws Exception {
    start(Set.of());
    HttpResponse<String> preflight =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/default/decode"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", UI)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-namespace")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(204, preflight.statusCode());
    assertEquals(UI, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    assertTrue(
        preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
    String allowed =
        preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase();
    assertTrue(
        allowed.contains("content-type")
            && allowed.contains("x-namespace")
            && allowed.contains("authorization"),
        allowed);
    assertEquals(
        "true", preflight.headers().firstValue("Access-Control-Allow-Credentials").orElse(""));

    HttpResponse<String> stranger =
        post("/decode", payloads(plain()), "Origin", "http://evil.example");
    assertEquals(403, stranger.statusCode());
    assertTrue(error(stranger).contains("--cors-origin"), stranger::body);
    assertTrue(
        stranger.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
        "no CORS grant for another origin");
  }

  @Test
  void unknownRoutesAndMethodsGetJsonErrors() throws Exception {
    start(Set.of());
    HttpResponse<String> nowhere = post("/a/b/decode", payloads(plain()));
    assertEquals(404, nowhere.statusCode());
    assertTrue(error(nowhere).contains("/{namespace}/decode"), nowhere::body);
    assertEquals(404, post("/", "{}").statusCode());
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/decode"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, get.statusCode());
    error(get);
    HttpResponse<String> garbage = post("/decode", "not json");
    assertEquals(400, garbage.statusCode());
    error(garbage);
  }
}
