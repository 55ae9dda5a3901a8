package dev.confidant;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bridge native code calls on the SDK's worker thread: flat byte arrays
 * in and out, so the JNI glue needs one method and no Java collections.
 *
 * <p>Headers cross as: count, then for each, name length, name, value
 * length, value (lengths as big-endian int32, text as UTF-8). The answer is:
 * status, the headers the same way, then the body.
 */
final class TransportAdapter {
  private final Transport transport;

  TransportAdapter(Transport transport) {
    this.transport = transport;
  }

  /** Called from native code; an exception becomes a clean "no response". */
  byte[] send(byte[] method, byte[] url, byte[] headers, byte[] body, long timeoutMs) throws Exception {
    List<Map.Entry<String, String>> list = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(headers);
    int count = in.getInt();
    for (int i = 0; i < count; i++) list.add(HttpResponse.header(text(in), text(in)));
    HttpResponse response = transport.send(new HttpRequest(NativeBridge.string(method), NativeBridge.string(url), list,
        body, timeoutMs));
    if (response == null) throw new ConfidantException(ErrorCode.IO, "transport: send returned null");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeInt(out, response.status);
    writeInt(out, response.headers.size());
    for (Map.Entry<String, String> header : response.headers) {
      writeText(out, header.getKey());
      writeText(out, header.getValue());
    }
    out.write(response.body, 0, response.body.length);
    return out.toByteArray();
  }

  private static String text(ByteBuffer in) {
    byte[] bytes = new byte[in.getInt()];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void writeInt(ByteArrayOutputStream out, int value) {
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
  }

  private static void writeText(ByteArrayOutputStream out, String text) {
    byte[] bytes = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    writeInt(out, bytes.length);
    out.write(bytes, 0, bytes.length);
  }
}
