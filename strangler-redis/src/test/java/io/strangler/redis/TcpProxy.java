package io.strangler.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a free loopback port to a target (the test Redis), for outage tests that must never stop the
 * machine's Redis: {@link #cut()} drops every connection and refuses new ones (they are accepted and closed at once)
 * until {@link #restore()}; {@link #stall()} keeps the connections open but lets no byte through, like a network
 * that swallows packets. Threads are daemons named {@code tcp-proxy}; {@link #close()} ends them all.
 */
final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean stalled;
    private volatile boolean closed;

    TcpProxy(String host, int port) throws IOException {
        this.target = new InetSocketAddress(host, port);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::acceptLoop).start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Drops every connection and refuses new ones until {@link #restore()}. */
    void cut() {
        cut = true;
        dropAll();
    }

    /** Lets no byte through the open connections, in either direction, until {@link #restore()} or {@link #cut()}. */
    void stall() {
        stalled = true;
    }

    /** Forwards again; connections dropped meanwhile stay dropped (the client reconnects). */
    void restore() {
        stalled = false;
        cut = false;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 2_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            sockets.add(client);
            sockets.add(upstream);
            daemon(() -> pump(client, upstream)).start();
            daemon(() -> pump(upstream, client)).start();
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!stalled) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // one side closed: close both
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void dropAll() {
        for (Socket s : Set.copyOf(sockets)) {
            closeQuietly(s);
            sockets.remove(s);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        dropAll();
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "tcp-proxy");
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
