package dev.confidant;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import java.util.Map;

/**
 * A {@link Transport} over {@link HttpURLConnection} (Android and any JVM): no
 * redirects, no caches, the request's timeout for connecting and reading.
 */
public final class HttpUrlConnectionTransport implements Transport {
  @Override
  public HttpResponse send(HttpRequest request) throws IOException {
    URL url = new URL(request.url);
    if (!"https".equals(url.getProtocol()) && !"http".equals(url.getProtocol())) {
      throw new ConfidantException(ErrorCode.INVALID_ARGUMENT, "url: not an http(s) URL: " + request.url);
    }
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    try {
      int timeout = (int) Math.min(Integer.MAX_VALUE, Math.max(1, request.timeoutMs));
      connection.setConnectTimeout(timeout);
      connection.setReadTimeout(timeout);
      connection.setInstanceFollowRedirects(false);
      connection.setUseCaches(false);
      connection.setRequestMethod(request.method);
      for (Map.Entry<String, String> header : request.headers) {
        connection.setRequestProperty(header.getKey(), header.getValue());
      }
      if (!"GET".equals(request.method)) {
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(request.body.length);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(request.body);
        }
      }
      int status = connection.getResponseCode();
      List<Map.Entry<String, String>> headers = HttpResponse.newHeaderList();
      for (Map.Entry<String, List<String>> field : connection.getHeaderFields().entrySet()) {
        if (field.getKey() == null) continue;  // the status line
        for (String value : field.getValue()) headers.add(HttpResponse.header(field.getKey().toLowerCase(java.util.Locale.ROOT), value));
      }
      InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      return new HttpResponse(status, headers, stream == null ? new byte[0] : readAll(stream));
    } finally {
      connection.disconnect();
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (InputStream stream = in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      for (int n; (n = stream.read(chunk)) > 0; ) out.write(chunk, 0, n);
      return out.toByteArray();
    }
  }
}
