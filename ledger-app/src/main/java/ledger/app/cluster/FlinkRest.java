package ledger.app.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import ledger.app.UnreachableException;

/**
 * The parts of Flink's REST API that deploy and operate the ledger job: upload a jar, run it, watch
 * it, stop it with a savepoint. The same API `flink run` and the web UI use.
 */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRest(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String base() {
        return base;
    }

    /** Uploads a job jar; returns the id `run` takes. */
    public String upload(Path jar) throws IOException, InterruptedException {
        String boundary = "ledger-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                                + jar.getFileName()
                                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode answer =
                send(
                        HttpRequest.newBuilder(URI.create(base + "/jars/upload"))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        String file = answer.path("filename").asText();
        return file.substring(file.lastIndexOf('/') + 1);
    }

    /** Runs an uploaded jar's main class; returns the job id. */
    public String run(String jarId, List<String> programArgs, Optional<String> savepointPath)
            throws IOException, InterruptedException {
        return run(jarId, Optional.empty(), programArgs, savepointPath);
    }

    /**
     * Runs a class of an uploaded jar, or its main class when none is given; returns the job id.
     */
    public String run(
            String jarId,
            Optional<String> entryClass,
            List<String> programArgs,
            Optional<String> savepointPath)
            throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        entryClass.ifPresent(name -> request.put("entryClass", name));
        request.putPOJO("programArgsList", programArgs);
        savepointPath.ifPresent(
                path -> {
                    request.put("savepointPath", path);
                    request.put("allowNonRestoredState", false);
                });
        return post("/jars/" + jarId + "/run", request).path("jobid").asText();
    }

    /** The job's status, e.g. RUNNING, RESTARTING, FINISHED. */
    public String jobState(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** True when the job runs and every one of its tasks is running, not just scheduled. */
    public boolean allTasksRunning(String jobId) throws IOException, InterruptedException {
        JsonNode job = get("/jobs/" + jobId);
        if (!"RUNNING".equals(job.path("state").asText())) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** The id and status of the newest job with this name that is not finished, if any. */
    public Optional<JsonNode> activeJob(String name) throws IOException, InterruptedException {
        JsonNode newest = null;
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            String state = job.path("state").asText();
            boolean done =
                    state.equals("FINISHED") || state.equals("CANCELED") || state.equals("FAILED");
            if (name.equals(job.path("name").asText())
                    && !done
                    && (newest == null
                            || job.path("start-time").asLong()
                                    > newest.path("start-time").asLong())) {
                newest = job;
            }
        }
        return Optional.ofNullable(newest);
    }

    /** How often the job failed and restarted since it was submitted. */
    public int failovers(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/exceptions")
                .path("exceptionHistory")
                .path("entries")
                .size();
    }

    /** The resource ids of the TaskManagers registered with the JobManager. */
    public Set<String> taskManagerIds() throws IOException, InterruptedException {
        Set<String> ids = new HashSet<>();
        get("/taskmanagers").path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
        return ids;
    }

    /** The resource ids of the TaskManagers with at least one slot in use. */
    public Set<String> busyTaskManagers() throws IOException, InterruptedException {
        Set<String> ids = new TreeSet<>();
        for (JsonNode tm : get("/taskmanagers").path("taskmanagers")) {
            if (tm.path("freeSlots").asInt() < tm.path("slotsNumber").asInt()) {
                ids.add(tm.path("id").asText());
            }
        }
        return ids;
    }

    /** The cluster's overview: TaskManagers, slots, jobs. */
    public JsonNode overview() throws IOException, InterruptedException {
        return get("/overview");
    }

    /**
     * Stops the job with a savepoint in {@code targetDirectory} and waits for it; returns the
     * savepoint's path, which `run` resumes from.
     */
    public String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout)
            throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        request.put("targetDirectory", targetDirectory);
        request.put("drain", false);
        String trigger = post("/jobs/" + jobId + "/stop", request).path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new IllegalStateException(
                            "the savepoint failed: "
                                    + operation
                                            .path("failure-cause")
                                            .path("stack-trace")
                                            .asText()
                                            .lines()
                                            .findFirst()
                                            .orElse("unknown cause"));
                }
                return operation.path("location").asText();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the savepoint did not complete within " + timeout);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            request.timeout(Duration.ofSeconds(60)).build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new UnreachableException("cannot reach Flink's REST API at " + base);
        }
        JsonNode body =
                response.body().isEmpty()
                        ? JSON.createObjectNode()
                        : JSON.readTree(response.body());
        if (response.statusCode() >= 300) {
            JsonNode errors = body.path("errors");
            String first = errors.isArray() && errors.size() > 0 ? errors.get(0).asText() : "";
            throw new IllegalStateException(
                    "Flink answered "
                            + response.statusCode()
                            + " to "
                            + response.request().uri().getPath()
                            + ": "
                            + first.lines().findFirst().orElse(""));
        }
        return body;
    }
}
