import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

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
 * there means every earlier write is in the file. The file is forced to disk every second, and
 * a chunk no longer used is written over after 5 s (H2's default, 45 s, kept a 3.6 GB file and a
 * 180,000-entry chunk list at benchmark rates).
 * Documents are kept beside their BSON bytes and keys are written as BSON values compared by
 * MongoDB's value order (H2's default stores both with Java serialization, compares index keys by
 * serializing them, and encodes every document of a page again at each commit: that was about half
 * of the server's time on the message path). A file written in the old layout is converted once
 * when opened. A query that pins a unique index's fields beside other conditions uses that index
 * (stock mongo-java-server scans unless the fields are exactly the index's), on both backends.
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

        /**
         * How long a chunk no longer used is kept before its space is written over. H2's default,
         * 45 s, trusts the operating system to flush within that time; at a few thousand commits a
         * second it kept ~180,000 chunks: a 3.6 GB file after one benchmark, and every commit paid
         * for the long chunk list (the store's layout map, its free-space scan, more garbage).
         * With the file forced to disk every second, chunks written before the last force are on
         * disk, and 5 s is ample.
         */
        static final int RETENTION_MS = 5_000;
        static final int SYNC_EVERY_MS = 1_000;

        DurableH2Backend(MVStore store) {
            super(store);
            this.store = store;
            store.setRetentionTime(RETENTION_MS);
            daemon("compactor", this::compactNowAndThen);
            daemon("sync", this::syncEverySecond);
        }

        private static void daemon(String name, Runnable task) {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        }

        /**
         * Forces the file to disk every second (a commit writes it; the operating system keeps it
         * until then), between commits: H2's commit and its sync are not run side by side.
         */
        private void syncEverySecond() {
            while (!store.isClosed()) {
                try {
                    Thread.sleep(SYNC_EVERY_MS);
                    synchronized (commitLock) {
                        if (store.isClosed()) return;
                        store.sync();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (store.isClosed()) return;
                    e.printStackTrace();
                }
            }
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
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new BsonH2Database(databaseName, getMvStore(), getCursorRegistry());
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
                try {
                    if (store.hasUnsavedChanges()) store.commit();
                } catch (RuntimeException e) {
                    e.printStackTrace();
                    throw e;
                }
                committed = upTo;
            }
        }
    }

    /**
     * Collections and unique indexes opened on the BSON document type and the binary key type.
     * (H2Database's constructor already opens them, before a field of ours could be set: the
     * process's one store is read from StorageFormat.)
     */
    static final class BsonH2Database extends H2Database {
        BsonH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
            super(databaseName, store, cursorRegistry);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Stored> dataMap = StorageFormat.store.openMap("databases." + fullName, StorageFormat.dataMap());
            return new BsonH2Collection(this, collectionName, options, dataMap, cursorRegistry);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            MVMap<Object, Object> map = StorageFormat.store.openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName, StorageFormat.indexMap());
            return new UniqueIndex(map, indexName, keys, sparse);
        }
    }

    /**
     * A unique index for a query that pins the index's fields by plain equality beside other
     * conditions ({_id, rev}, {openKey, leaseUntil: {$lt}}). mongo-java-server only uses an index
     * whose fields are exactly the query's, and scans the collection otherwise; MongoDB uses it
     * and filters what it finds, as this does (the caller matches the whole query on them).
     */
    static final class IndexLookup {
        static <P> Iterable<P> narrowed(List<Index<P>> indexes, Document query) {
            for (Index<P> index : indexes) if (index.canHandle(query)) return null;
            for (Index<P> index : indexes) {
                Document pinned = new Document();
                for (IndexKey key : index.getKeys()) {
                    Object value = query.get(key.getKey());
                    if (value == null || value instanceof Map || value instanceof java.util.Collection || value instanceof Missing || value instanceof de.bwaldvogel.mongo.bson.BsonRegularExpression) {
                        pinned = null;
                        break;
                    }
                    pinned.put(key.getKey(), value);
                }
                if (pinned != null && index.canHandle(pinned)) return index.getPositions(pinned);
            }
            return null;
        }
    }

    /** The memory backend (tests) with the same index use as the file store. */
    static final class IndexedMemoryBackend extends MemoryBackend {
        @Override
        public MemoryDatabase openOrCreateDatabase(String databaseName) {
            return new MemoryDatabase(databaseName, getCursorRegistry()) {
                @Override
                protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                    return new MemoryCollection(this, collectionName, options, cursorRegistry) {
                        @Override
                        protected boolean tracksDataSize() {
                            return false;
                        }

                        @Override
                        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
                            Iterable<Integer> positions = IndexLookup.narrowed(getIndexes(), query);
                            return positions == null ? super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector) : matchDocuments(query, positions, orderBy, skip, limit, batchSize, fieldSelector);
                        }
                    };
                }
            };
        }
    }

    /**
     * H2Collection (mongo-java-server's H2 collection) with each document kept beside its BSON
     * bytes, encoded when it is put: a commit writes every document of a changed page, and copying
     * bytes costs far less than encoding them again. It also makes commits safe from the way
     * mongo-java-server updates (the document it found, changed in place, then put back): a commit
     * running meanwhile writes the bytes of the version before, never a half-updated document.
     */
    static final class BsonH2Collection extends AbstractSynchronizedMongoCollection<Object> {
        private final MVMap<Object, Stored> dataMap;

        BsonH2Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Stored> dataMap, CursorRegistry cursorRegistry) {
            super(database, name, options, cursorRegistry);
            this.dataMap = dataMap;
        }

        /**
         * No running total (mongo-java-server's encodes every document twice per update to keep
         * one, and writes it to a second map on every commit): collStats counts when asked.
         */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected void updateDataSize(int sizeDelta) {
            // not tracked (see tracksDataSize)
        }

        @Override
        protected int getDataSize() {
            long size = 0;
            for (Stored stored : dataMap.values()) size += stored.bson == null ? 0 : stored.bson.length;
            return (int) Math.min(Integer.MAX_VALUE, size);
        }

        @Override
        protected Object addDocumentInternal(Document document) {
            Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
            Stored previous = dataMap.put(Missing.ofNullable(key), new Stored(document));
            if (previous != null) throw new IllegalStateException("document with key " + key + " already existed in " + this);
            return key;
        }

        @Override
        public int count() {
            return dataMap.size();
        }

        @Override
        public boolean isEmpty() {
            return dataMap.isEmpty();
        }

        @Override
        protected Document getDocument(Object position) {
            Stored stored = dataMap.get(position);
            return stored == null ? null : stored.document();
        }

        @Override
        protected void removeDocument(Object position) {
            if (dataMap.remove(position) == null) throw new NoSuchElementException("No document with key " + position);
        }

        @Override
        protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
            return dataMap.entrySet().stream().map(e -> new DocumentWithPosition<>(e.getValue().document(), e.getKey()));
        }

        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
            Stream<Document> documents = isNaturalDescending(orderBy)
                ? streamAllDocumentsWithPosition().sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition())).map(DocumentWithPosition::getDocument)
                : dataMap.values().stream().map(Stored::document);
            return matchDocumentsFromStream(documents, query, orderBy, skip, limit, batchSize, fieldSelector);
        }

        @Override
        protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
            dataMap.put(Missing.ofNullable(position), new Stored(newDocument));
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
            Iterable<Object> positions = IndexLookup.narrowed(getIndexes(), query);
            return positions == null ? super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector) : matchDocuments(query, positions, orderBy, skip, limit, batchSize, fieldSelector);
        }
    }

    /** H2's unique index (H2UniqueIndex, whose constructor is not public) on a map with binary keys. */
    static final class UniqueIndex extends AbstractUniqueIndex<Object> {
        private final MVMap<Object, Object> map;

        UniqueIndex(MVMap<Object, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue keyValue) {
            return map.remove(keyValue);
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
        }

        @SuppressWarnings("unchecked")
        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return (Iterable<Map.Entry<KeyValue, Object>>) (Iterable<?>) map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            return map.get(keyValue);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /**
     * How documents and keys are laid out in the store, and the one-time conversion of a file
     * written with H2's default (Java-serialized) types. The store's map "kefu.storage" names the
     * layout; data maps are "databases.*", unique-index maps "*._index_*".
     */
    static final class StorageFormat {
        private static final String FORMAT = "bson-1";
        /** Where an old map waits while it is converted. */
        private static final String ASIDE = "kefu.converting.";
        private static final ThreadLocal<ByteBuf> BUFFER = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));
        /** The process's store (set by prepare). */
        static MVStore store;

        static MVMap.Builder<Object, Stored> dataMap() {
            return new MVMap.Builder<Object, Stored>().keyType(KeyType.INSTANCE).valueType(StoredType.INSTANCE);
        }

        static MVMap.Builder<Object, Object> indexMap() {
            return new MVMap.Builder<Object, Object>().keyType(KeyType.INSTANCE).valueType(KeyType.INSTANCE);
        }

        private static boolean isDataMap(String name) {
            return name.startsWith("databases.");
        }

        private static boolean isIndexMap(String name) {
            return !isDataMap(name) && !name.startsWith(ASIDE) && name.contains("._index_");
        }

        /**
         * Marks a new store, or converts an old one map by map (before anything else opens them).
         * Each old map is first renamed aside ("kefu.converting.<name>") and removed only once
         * copied; H2 may write a large conversion before its final commit, so an interrupted one
         * is taken up again from the maps still set aside (their half-copied successors dropped).
         */
        static void prepare(MVStore store) {
            StorageFormat.store = store;
            MVMap<String, String> meta = store.openMap("kefu.storage");
            if (FORMAT.equals(meta.get("format"))) return;
            List<String> names = new ArrayList<>();
            for (String name : store.getMapNames()) {
                if (name.startsWith(ASIDE)) {
                    String original = name.substring(ASIDE.length());
                    if (store.hasMap(original)) store.removeMap(original);
                    names.add(original);
                }
            }
            for (String name : store.getMapNames()) {
                if (isDataMap(name) || isIndexMap(name)) {
                    store.renameMap(store.openMap(name), ASIDE + name);
                    names.add(name);
                }
            }
            if (!names.isEmpty()) System.err.println("converting " + names.size() + " maps of " + store.getFileStore().getFileName() + " to the BSON layout");
            for (String name : names) {
                MVMap<Object, Object> old = store.openMap(ASIDE + name);
                if (isDataMap(name)) {
                    MVMap<Object, Stored> fresh = store.openMap(name, dataMap());
                    for (Map.Entry<Object, Object> e : old.entrySet()) fresh.put(e.getKey(), new Stored((Document) e.getValue()));
                } else {
                    MVMap<Object, Object> fresh = store.openMap(name, indexMap());
                    for (Map.Entry<Object, Object> e : old.entrySet()) fresh.put(e.getKey(), e.getValue());
                }
                store.removeMap(old);
            }
            meta.put("format", FORMAT);
            store.commit();
        }

        static ByteBuf buffer() {
            ByteBuf buf = BUFFER.get();
            buf.clear();
            return buf;
        }

        /** A ByteBuf over the rest of `in`; the caller moves `in` past what it read. */
        static ByteBuf rest(ByteBuffer in) {
            return Unpooled.wrappedBuffer(in.slice());
        }
    }

    /**
     * A stored document and its BSON bytes, encoded once when it is stored (or read back from the
     * file, decoded when first asked for). A document BSON cannot hold keeps no bytes and is
     * written with Java serialization.
     */
    static final class Stored {
        private volatile Document document;
        private final byte[] bson;

        Stored(Document document) {
            this.document = document;
            this.bson = encode(document);
        }

        Stored(byte[] bson) {
            this.bson = bson;
        }

        private static byte[] encode(Document document) {
            ByteBuf buf = StorageFormat.buffer();
            try {
                BsonEncoder.encodeDocument(document, buf);
            } catch (RuntimeException e) {
                return null;
            }
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        }

        Document document() {
            Document d = document;
            if (d == null) document = d = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
            return d;
        }
    }

    /** Stored documents in pages: the BSON bytes as they are, or (rarely) Java serialization. */
    static final class StoredType extends BasicDataType<Stored> {
        static final StoredType INSTANCE = new StoredType();
        private static final byte BSON = 0;
        private static final byte SERIALIZED = 1;
        private static final ObjectDataType FALLBACK = new ObjectDataType();

        @Override
        public int getMemory(Stored stored) {
            return stored.bson == null ? 1024 : 64 + 3 * stored.bson.length;
        }

        @Override
        public void write(WriteBuffer out, Stored stored) {
            if (stored.bson != null) {
                out.put(BSON).put(stored.bson);
            } else {
                out.put(SERIALIZED);
                FALLBACK.write(out, stored.document());
            }
        }

        @Override
        public Stored read(ByteBuffer in) {
            if (in.get() == SERIALIZED) return new Stored((Document) FALLBACK.read(in));
            int p = in.position();
            int length = (in.get(p) & 0xff) | (in.get(p + 1) & 0xff) << 8 | (in.get(p + 2) & 0xff) << 16 | (in.get(p + 3) & 0xff) << 24;
            byte[] bson = new byte[length];
            in.get(bson);
            return new Stored(bson);
        }

        @Override
        public Stored[] createStorage(int size) {
            return new Stored[size];
        }
    }

    /**
     * Document ids and unique-index keys (KeyValue), written as BSON values and compared by
     * MongoDB's value order, so an index lookup compares objects instead of serializing them.
     */
    static final class KeyType extends BasicDataType<Object> {
        static final KeyType INSTANCE = new KeyType();
        private static final byte MISSING = 0;
        private static final byte VALUE = 1;
        private static final byte KEY_VALUE = 2;
        private static final byte SERIALIZED = 3;
        private static final ObjectDataType FALLBACK = new ObjectDataType();
        private static final ValueComparator ORDER = ValueComparator.ascWithoutListHandling();

        private static byte kind(Object o) {
            if (o instanceof Missing) return MISSING;
            if (o instanceof KeyValue) return KEY_VALUE;
            try {
                BsonEncoder.determineType(o);
                return VALUE;
            } catch (IllegalArgumentException e) {
                return SERIALIZED;
            }
        }

        @Override
        public int compare(Object a, Object b) {
            if (a == b) return 0;
            int ka = kind(a);
            int kb = kind(b);
            if (ka != kb) return Integer.compare(ka, kb);
            switch (ka) {
                case MISSING:
                    return 0;
                case VALUE:
                    return ORDER.compare(a, b);
                case KEY_VALUE: {
                    KeyValue x = (KeyValue) a;
                    KeyValue y = (KeyValue) b;
                    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                        int c = ORDER.compare(x.get(i), y.get(i));
                        if (c != 0) return c;
                    }
                    return Integer.compare(x.size(), y.size());
                }
                default:
                    return FALLBACK.compare(a, b);
            }
        }

        @Override
        public int getMemory(Object key) {
            return key instanceof KeyValue kv ? 24 + 32 * kv.size() : 48;
        }

        @Override
        public void write(WriteBuffer out, Object key) {
            byte kind = kind(key);
            if (kind == MISSING) {
                out.put(MISSING);
                return;
            }
            if (kind != SERIALIZED) {
                ByteBuf buf = StorageFormat.buffer();
                try {
                    if (kind == VALUE) {
                        writeValue(buf, key);
                    } else {
                        KeyValue kv = (KeyValue) key;
                        buf.writeIntLE(kv.size());
                        for (Object v : kv) writeValue(buf, v);
                    }
                    out.put(kind);
                    out.put(buf.nioBuffer());
                    return;
                } catch (RuntimeException e) {
                    // a nested value BSON cannot hold: serialized below
                }
            }
            out.put(SERIALIZED);
            FALLBACK.write(out, key);
        }

        private static void writeValue(ByteBuf buf, Object value) {
            byte type = BsonEncoder.determineType(value);
            buf.writeByte(type);
            BsonEncoder.encodeValue(type, value, buf);
        }

        @Override
        public Object read(ByteBuffer in) {
            byte kind = in.get();
            if (kind == MISSING) return Missing.getInstance();
            if (kind == SERIALIZED) return FALLBACK.read(in);
            ByteBuf buf = StorageFormat.rest(in);
            Object key;
            if (kind == VALUE) {
                key = BsonDecoder.decodeValue(buf.readByte(), buf);
            } else {
                int n = buf.readIntLE();
                List<Object> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) values.add(BsonDecoder.decodeValue(buf.readByte(), buf));
                key = new KeyValue(values);
            }
            in.position(in.position() + buf.readerIndex());
            return key;
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
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
            backend = new IndexedMemoryBackend();
        } else {
            Path dir = Path.of(data);
            Files.createDirectories(dir);
            FileChannel lockFile = FileChannel.open(dir.resolve("server.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockFile.tryLock();
            if (lock == null) fail(3, "another kefu database server is running on " + dir.toAbsolutePath());
            lockFile.truncate(0);
            lockFile.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            MVStore store = new MVStore.Builder().fileName(dir.resolve("kefu.mv.db").toString()).autoCommitDisabled().open();
            StorageFormat.prepare(store);
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
