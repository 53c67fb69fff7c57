package ledger.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import ledger.app.UnreachableException;
import picocli.CommandLine.Option;

/**
 * Reads from the ledger's HTTP API: the {@code --api} option and the GET requests shared by {@code
 * balance} and {@code history}. An API that does not answer is {@link UnreachableException} (exit
 * code 3).
 */
public final class ApiClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    @Option(
            names = "--api",
            paramLabel = "URL",
            defaultValue = "http://localhost:8080",
            description = "the ledger's HTTP API (default: ${DEFAULT-VALUE})")
    String api;

    /** An answer of the API: its status and JSON body ({@code MissingNode} when not JSON). */
    record Answer(int status, String body, JsonNode json) {

        boolean ok() {
            return status == 200;
        }

        String reason() {
            return json.path("reason").asText("");
        }

        /** True for the API's "no such account" (not for a wrong path). */
        boolean accountNotFound() {
            return status == 404 && reason().equals("ACCOUNT_NOT_FOUND");
        }
    }

    /** GETs a path (already encoded, e.g. {@code accounts/alice}) under the API's URL. */
    Answer get(String pathAndQuery) {
        URI uri = base().resolve(pathAndQuery.replaceFirst("^/+", ""));
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Accept", "application/json")
                        .GET()
                        .build();
        try {
            HttpResponse<String> response =
                    client.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
            return new Answer(response.statusCode(), response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new UnreachableException("cannot reach the ledger API at " + api);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted while asking the ledger API at " + api);
        }
    }

    /** The exception for an answer the command did not expect: usage (400) or unreachable. */
    RuntimeException unexpected(Answer answer) {
        String error = answer.json().path("error").asText("");
        if (answer.status() == 400 && !error.isEmpty()) {
            return new IllegalArgumentException(error);
        }
        if (answer.status() == 503) {
            return new UnreachableException(
                    "the ledger API at "
                            + api
                            + " is unavailable"
                            + (error.isEmpty() ? "" : ": " + error));
        }
        return new UnreachableException(
                "the ledger API at "
                        + api
                        + " answered HTTP "
                        + answer.status()
                        + (error.isEmpty() ? "" : ": " + error));
    }

    /** One path segment, percent-encoded. */
    static String segment(String text) {
        return URLEncoder.encode(text, UTF_8).replace("+", "%20");
    }

    private URI base() {
        URI uri;
        try {
            uri = URI.create(api.endsWith("/") ? api : api + "/");
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(
                    "--api must be an http:// or https:// URL such as http://localhost:8080, not '"
                            + api
                            + "'");
        }
        return uri;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }
}
