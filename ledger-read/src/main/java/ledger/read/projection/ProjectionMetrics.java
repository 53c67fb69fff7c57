package ledger.read.projection;

/**
 * The projector's figures as a JMX MBean ({@code ledger:type=Projection}), so any JMX or Prometheus
 * JMX exporter can scrape the projection lag.
 */
public interface ProjectionMetrics {

    /** Events in the log that the read store does not show yet; -1 before the first poll. */
    long getLag();

    /** Events projected since the projector started. */
    long getProjected();
}
