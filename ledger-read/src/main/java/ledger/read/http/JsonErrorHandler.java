package ledger.read.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's answers to what never reaches a route (an unparsable request, a header too large): the
 * API's JSON error body instead of an HTML page, and never a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    JsonErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    /** The reason code of an HTTP status the API did not choose itself. */
    static String reason(int status) {
        switch (status) {
            case 404:
                return "NOT_FOUND";
            case 405:
                return "METHOD_NOT_ALLOWED";
            case 413:
                return "PAYLOAD_TOO_LARGE";
            case 503:
                return "UNAVAILABLE";
            default:
                return status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        }
    }

    /** A sentence for such a status, naming what was asked ({@code GET /x}). */
    static String sentence(int status, String request) {
        switch (status) {
            case 404:
                return "no such path: " + request;
            case 405:
                return "method not allowed: " + request;
            case 413:
                return "the request is too large";
            default:
                return status >= 500
                        ? "the ledger API failed; see its log"
                        : "the request cannot be understood (HTTP " + status + ")";
        }
    }

    @Override
    protected void generateAcceptableResponse(
            Request baseRequest,
            HttpServletRequest request,
            HttpServletResponse response,
            int code,
            String message)
            throws IOException {
        baseRequest.setHandled(true);
        response.setContentType(ApiJson.CONTENT_TYPE);
        String where = request.getMethod() + " " + request.getRequestURI();
        response.getOutputStream().write(body(code, where));
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, ApiJson.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status, "request"));
    }

    private static byte[] body(int status, String request) {
        return ApiJson.error(sentence(status, request), reason(status), null).getBytes(UTF_8);
    }
}
