package ledger.read.http;

import java.util.Map;

/** Whether the ledger's pipeline is up, with details for {@code /health}. */
public record Health(boolean up, Map<String, Object> details) {}
