package ledger.app.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks that turn a busy port into one clear sentence instead of a bind stack trace. */
public final class Ports {

    private Ports() {}

    public static void requireFree(int port, String what, String option) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException busy) {
            throw new IllegalStateException(
                    "port "
                            + port
                            + " for "
                            + what
                            + " is already in use; stop what holds it or choose another with "
                            + option);
        }
    }

    /** A port nothing listens on right now, for tests and secondary listeners. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e.getMessage());
        }
    }
}
