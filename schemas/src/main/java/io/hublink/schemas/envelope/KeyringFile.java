package io.hublink.schemas.envelope;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hublink.schemas.SecretFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keyring file. Format (JSON, UTF-8):
 *
 * <pre>
 * {
 *   "version": 1,
 *   "fingerprintKey": "&lt;base64 of 32 bytes&gt;",
 *   "keys": [
 *     {"id": "k-20261203-3fa9c1", "key": "&lt;base64 of 32 bytes&gt;", "active": true},
 *     {"id": "k-20270301-09be77", "key": "&lt;base64 of 32 bytes&gt;", "active": false}
 *   ]
 * }
 * </pre>
 *
 * Base64 is the standard alphabet with padding. Key ids are 1 to 255 bytes of UTF-8 without whitespace or control
 * characters; exactly one key is active ({@code active} may be left out for inactive keys); the fingerprint key
 * never rotates. Unknown settings are refused, so a typo cannot pass unnoticed.
 *
 * <p>The file holds secrets: it is written with mode 0600 (the temporary file is created with that mode, then moved
 * into place atomically, so the keys are never readable by others, not even briefly, and a crash leaves the old
 * file or the new one, never half of one), and reading one that its group or others can read or change logs a
 * warning ({@link SecretFiles}). A bad
 * file is an {@link IllegalArgumentException} with one line that names the file and the setting; neither messages
 * nor logs ever contain key material.
 */
public final class KeyringFile {

    static final int FORMAT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(KeyringFile.class);

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // Jackson's messages may quote the document; ours never include them, and this keeps locations bare.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final Set<PosixFilePermission> OWNER_ONLY = SecretFiles.OWNER_ONLY;

    private KeyringFile() {
    }

    /** Reads and validates a keyring file. */
    public static Keyring read(Path file) {
        return parse(file, SecretFiles.readJson(file, "keyring"));
    }

    /** Writes the keyring atomically with mode 0600, replacing any file already there. */
    public static void write(Path file, Keyring keyring) {
        writeAtomically(file, keyring, true);
    }

    /**
     * Writes the keyring like {@link #write} but fails, naming the path, if the file already exists (a fresh keyring
     * must never silently replace keys that envelopes are sealed under).
     */
    public static void writeNew(Path file, Keyring keyring) {
        writeAtomically(file, keyring, false);
    }

    private static Keyring parse(Path file, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw bad(file, "not a JSON object");
        }
        refuseUnknown(file, root, "", Set.of("version", "fingerprintKey", "keys"));
        JsonNode version = root.get("version");
        if (version == null || !version.isInt()) {
            throw bad(file, "version is missing (expected " + FORMAT_VERSION + ")");
        }
        if (version.intValue() != FORMAT_VERSION) {
            throw bad(file, "version " + version.intValue() + " is not supported (expected " + FORMAT_VERSION + ")");
        }
        JsonNode keysNode = root.get("keys");
        if (keysNode == null || !keysNode.isArray() || keysNode.isEmpty()) {
            throw bad(file, "keys is missing or empty");
        }
        List<KeyringKey> keys = new ArrayList<>();
        for (int i = 0; i < keysNode.size(); i++) {
            keys.add(parseKey(file, keysNode.get(i), "keys[" + i + "]"));
        }
        byte[] fingerprintKey = base64(file, root.get("fingerprintKey"), "fingerprintKey");
        try {
            return Keyring.of(fingerprintKey, keys);
        } catch (IllegalArgumentException e) {
            throw bad(file, e.getMessage()); // says which rule: no active key, a duplicate id, …
        } finally {
            Arrays.fill(fingerprintKey, (byte) 0);
        }
    }

    private static KeyringKey parseKey(Path file, JsonNode node, String setting) {
        if (node == null || !node.isObject()) {
            throw bad(file, setting + " is not an object");
        }
        refuseUnknown(file, node, setting + ".", Set.of("id", "key", "active"));
        JsonNode id = node.get("id");
        if (id == null || !id.isTextual()) {
            throw bad(file, setting + ".id is missing");
        }
        try {
            KeyringKey.checkedId(id.textValue());
        } catch (IllegalArgumentException e) {
            throw bad(file, e.getMessage());
        }
        JsonNode active = node.get("active");
        if (active != null && !active.isBoolean()) {
            throw bad(file, "key " + id.textValue() + ": active is not true or false");
        }
        byte[] key = base64(file, node.get("key"), "key " + id.textValue());
        try {
            return new KeyringKey(id.textValue(), key, active != null && active.booleanValue());
        } catch (IllegalArgumentException e) {
            throw bad(file, e.getMessage()); // key … is not 32 bytes
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] base64(Path file, JsonNode node, String setting) {
        if (node == null || !node.isTextual()) {
            throw bad(file, setting + " is missing");
        }
        try {
            return Base64.getDecoder().decode(node.textValue());
        } catch (IllegalArgumentException e) {
            throw bad(file, setting + " is not base64"); // the decoder's message would quote a character of it
        }
    }

    private static void refuseUnknown(Path file, JsonNode node, String prefix, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw bad(file, "unknown setting " + prefix + name);
            }
        }
    }

    private static void writeAtomically(Path file, Keyring keyring, boolean replace) {
        Path dir = file.toAbsolutePath().getParent();
        if (!replace && Files.exists(file)) {
            throw exists(file);
        }
        byte[] content = render(keyring);
        Path temp = null;
        try {
            temp = createOwnerOnly(dir);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (replace) {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } else {
                linkWithoutReplacing(temp, file);
            }
            syncDirectory(dir);
        } catch (AtomicMoveNotSupportedException e) {
            throw new UncheckedIOException("keyring " + file + ": cannot replace it atomically on this file system",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("keyring " + file + ": cannot write it (" + e.getMessage() + ")", e);
        } finally {
            Arrays.fill(content, (byte) 0);
            deleteQuietly(temp);
        }
    }

    /**
     * Puts the finished temp file in place only if nothing is there: a hard link fails atomically when the target
     * exists, unlike a check followed by a move.
     */
    private static void linkWithoutReplacing(Path temp, Path file) throws IOException {
        try {
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            throw exists(file);
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links here: fall back to check-then-move, racy only against another writer in that instant.
            if (Files.exists(file)) {
                throw exists(file);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static Path createOwnerOnly(Path dir) throws IOException {
        if (Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            return Files.createTempFile(dir, ".keyring-", ".tmp", ownerOnly);
        }
        return Files.createTempFile(dir, ".keyring-", ".tmp");
    }

    private static byte[] render(Keyring keyring) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", FORMAT_VERSION);
        ArrayNode keys = JSON.createArrayNode();
        byte[] fingerprint = keyring.fingerprintKey().getEncoded();
        try {
            root.put("fingerprintKey", Base64.getEncoder().encodeToString(fingerprint));
            root.set("keys", keys);
            for (KeyringKey key : keyring.keys()) {
                byte[] raw = key.copyKeyBytes();
                try {
                    keys.addObject()
                            .put("id", key.id())
                            .put("key", Base64.getEncoder().encodeToString(raw))
                            .put("active", key.active());
                } finally {
                    Arrays.fill(raw, (byte) 0);
                }
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a keyring as JSON", e);
        } finally {
            Arrays.fill(fingerprint, (byte) 0);
        }
    }

    /** Makes the rename durable: without it a power cut could bring back the old file. Best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open a directory; the file itself is already forced.
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("could not delete temporary keyring file {}", temp);
        }
    }

    private static IllegalArgumentException exists(Path file) {
        return new IllegalArgumentException("keyring " + file + ": file already exists, refusing to overwrite it");
    }

    private static IllegalArgumentException bad(Path file, String what) {
        return new IllegalArgumentException("keyring " + file + ": " + what);
    }
}
