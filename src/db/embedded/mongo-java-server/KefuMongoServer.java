import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * kefu's embedded MongoDB-protocol server: mongo-java-server on 127.0.0.1, run by the JRE as a
 * single source file (no build step).
 *
 *   java -cp 'jars/*' KefuMongoServer.java --port 0 [--data DIR] [--parent-pid N]
 *
 * Without --data it keeps everything in memory (tests). With --data it stores into DIR/kefu.mv.db
 * (H2 MVStore) and commits the store after every write command, before the reply, so an
 * acknowledged write survives kill -9; concurrent writers share one commit (group commit), and a
 * command that changed nothing (a compare-and-set that did not match) costs no commit. The store's
 * own background commits are off: every commit happens under one lock, so "no unsaved changes"
 * there means every earlier write is on disk.
 * DIR/server.lock is held for the process's life: a second server on the same data exits with
 * code 3. The server exits when its stdin closes or its parent process is gone, so it never
 * outlives the service. Prints one line {"ready":true,"port":N} when it listens.
 */
public class KefuMongoServer {

    /** Commands that never change data: everything else is committed before its reply. */
    private static final Set<String> READS = Set.of(
        "find", "aggregate", "count", "distinct", "getmore", "killcursors", "ping", "ismaster", "hello",
        "buildinfo", "listcollections", "listindexes", "listdatabases", "serverstatus", "whatsmyuri",
        "getlasterror", "dbstats", "collstats", "getparameter", "connectionstatus", "endsessions",
        "getlog", "hostinfo", "getcmdlineopts", "currentop", "explain", "saslstart", "saslcontinue");

    /** The H2 backend with a commit after every write command (group commit across threads). */
    static final class DurableH2Backend extends H2Backend {
        private final AtomicLong requested = new AtomicLong();
        private final Object commitLock = new Object();
        private final MVStore store;
        private long committed;

        DurableH2Backend(MVStore store) {
            super(store);
            this.store = store;
            Thread compactor = new Thread(this::compactNowAndThen, "compactor");
            compactor.setDaemon(true);
            compactor.start();
        }

        /** Rewrites sparse chunks now and then (the store's background thread, which did it, is off). */
        private void compactNowAndThen() {
            while (true) {
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (commitLock) {
                    if (store.isClosed()) return;
                    store.compact(50, 4 << 20);
                    if (store.hasUnsavedChanges()) store.commit();
                }
            }
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            Document response = super.handleCommand(channel, database, command, query);
            if (!READS.contains(command.toLowerCase(Locale.ROOT))) commitCovering(requested.incrementAndGet());
            return response;
        }

        private void commitCovering(long ticket) {
            synchronized (commitLock) {
                if (committed >= ticket) return;
                long upTo = requested.get();
                if (store.hasUnsavedChanges()) store.commit();
                committed = upTo;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        String data = null;
        long parentPid = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data" -> data = args[++i];
                case "--parent-pid" -> parentPid = Long.parseLong(args[++i]);
                default -> fail(2, "unknown argument " + args[i]);
            }
        }

        FileLock lock = null;
        MongoBackend backend;
        if (data == null) {
            backend = new MemoryBackend();
        } else {
            Path dir = Path.of(data);
            Files.createDirectories(dir);
            FileChannel lockFile = FileChannel.open(dir.resolve("server.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockFile.tryLock();
            if (lock == null) fail(3, "another kefu database server is running on " + dir.toAbsolutePath());
            lockFile.truncate(0);
            lockFile.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            MVStore store = new MVStore.Builder().fileName(dir.resolve("kefu.mv.db").toString()).autoCommitDisabled().open();
            backend = new DurableH2Backend(store);
        }
        backend.version(ServerVersion.MONGO_5_0);

        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", port));
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "shutdown"));
        watchParent(parentPid);
        System.out.println("{\"ready\":true,\"port\":" + server.getLocalAddress().getPort() + "}");
        System.out.flush();
        final FileLock held = lock;
        Thread.currentThread().join();
        if (held != null) held.release();
    }

    /** Exits when stdin reaches its end (the parent's pipe closed) or the parent process is gone. */
    private static void watchParent(long parentPid) {
        Thread stdin = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() != -1) {
                    // Nothing is read from the parent; the pipe only tells us it is alive.
                }
            } catch (IOException ignored) {
                // A broken pipe means the same as its end.
            }
            System.exit(0);
        }, "parent-stdin");
        stdin.setDaemon(true);
        stdin.start();
        if (parentPid <= 0) return;
        Thread poll = new Thread(() -> {
            while (true) {
                if (ProcessHandle.of(parentPid).map(p -> !p.isAlive()).orElse(true)) System.exit(0);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "parent-pid");
        poll.setDaemon(true);
        poll.start();
    }

    private static void fail(int code, String message) {
        System.err.println(message);
        System.exit(code);
    }
}
