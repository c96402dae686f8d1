package io.hublink.schemas;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rule for files that hold secrets (the keyring, webhook secrets, Kafka client passwords): only their owner
 * may read or change them (mode 0600). hublink writes its own with that mode; reading one that its group or others
 * can read or change logs a warning naming the file, its mode and the fix, and nothing of its content.
 */
public final class SecretFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);

    /** rw------- */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // Jackson's messages may quote the document; ours never include them, and this keeps locations bare.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private SecretFiles() {
    }

    /**
     * Reads a JSON file of secrets ({@code what} names its kind, "keyring"): warns when others can access it, parses
     * it strictly (duplicate keys refused) and wipes the raw bytes. A problem is an {@link IllegalArgumentException}
     * of one line, {@code "<what> <file>: …"}, that never quotes the file's content.
     */
    public static JsonNode readJson(Path file, String what) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(what + " " + file + ": file not found");
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        warnIfOthersCanAccess(file, what);
        try {
            return JSON.readTree(content);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(what + " " + file + ": not JSON" + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + file + ": not JSON");
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * Logs a warning when the file's group or others may read or change it; {@code what} names the kind of file
     * ("keyring"). Returns whether it warned. Without POSIX modes (or when the file cannot be inspected) nothing is
     * checked.
     */
    public static boolean warnIfOthersCanAccess(Path file, String what) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return false;
        }
        try {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            if (permissions.stream().noneMatch(GROUP_OR_OTHERS::contains)) {
                return false;
            }
            LOG.warn("{} {} can be read or changed by its group or others (mode {}): restrict it with chmod 600",
                    what, file, PosixFilePermissions.toString(permissions));
            return true;
        } catch (IOException e) {
            // The file was just read; failing to inspect it now is not worth failing start-up over.
            return false;
        }
    }
}
