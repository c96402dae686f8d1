package io.hublink.app.testing;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks for secrets in captured output and raw record bytes, in every form a leak could take: as given, as each of
 * their printable-ASCII runs (a log that escapes, cuts or rewrites control and non-ASCII characters still shows
 * those), base64 (standard and URL-safe, at each of the three byte alignments, since a secret may sit anywhere in an
 * encoded blob), hex (both cases), URL-encoded, JSON-escaped, and as the decimal byte list that
 * {@code Arrays.toString(byte[])} prints (Kafka's header {@code toString} does).
 *
 * <p>Haystacks are compared byte for byte (UTF-8 text is re-encoded), so nothing is lost to decoding.
 */
public final class SecretScan {

    /** Printable-ASCII runs shorter than this are not distinctive enough to search for on their own. */
    static final int MIN_RUN = 10;
    /** Encoded forms shorter than this are not distinctive enough either. */
    private static final int MIN_ENCODED = 12;

    private final Map<String, List<Needle>> needles = new LinkedHashMap<>();

    private SecretScan() {
    }

    /** {@code secrets}: a label (for the failure message) for each secret value. */
    public static SecretScan of(Map<String, String> secrets) {
        SecretScan scan = new SecretScan();
        secrets.forEach((label, secret) -> scan.needles.put(label, needlesOf(secret)));
        return scan;
    }

    /** Binary secrets (keys): as raw bytes, hex, base64 and the rest of the encodings. */
    public static SecretScan ofBytes(Map<String, byte[]> secrets) {
        SecretScan scan = new SecretScan();
        secrets.forEach((label, secret) -> {
            List<Needle> forms = new ArrayList<>();
            addEncodings(forms, "whole", secret);
            scan.needles.put(label, forms);
        });
        return scan;
    }

    /** The secrets' labels. */
    public List<String> labels() {
        return List.copyOf(needles.keySet());
    }

    /** Every secret found in {@code text}, as {@code "<label> (<form>) in <where>"}; empty when none. */
    public List<String> findIn(String where, String text) {
        return findIn(where, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Like {@link #findIn(String, String)}, on raw bytes. */
    public List<String> findIn(String where, byte[] bytes) {
        return findIn(where, bytes, List.of());
    }

    /** Like {@link #findIn(String, byte[])}, leaving out the secrets labelled in {@code except}. */
    public List<String> findIn(String where, byte[] bytes, List<String> except) {
        if (bytes == null || bytes.length == 0) {
            return List.of();
        }
        String haystack = new String(bytes, StandardCharsets.ISO_8859_1);
        List<String> found = new ArrayList<>();
        needles.forEach((label, forms) -> {
            if (except.contains(label)) {
                return;
            }
            for (Needle needle : forms) {
                if (haystack.contains(needle.bytes)) {
                    found.add(label + " (" + needle.form + ") in " + where);
                    return;
                }
            }
        });
        return found;
    }

    private static List<Needle> needlesOf(String secret) {
        List<Needle> out = new ArrayList<>();
        byte[] whole = secret.getBytes(StandardCharsets.UTF_8);
        addEncodings(out, "whole", whole);
        out.add(Needle.of("whole, JSON-escaped", new String(JsonStringEncoder.getInstance().quoteAsString(secret))));
        for (String run : printableRuns(secret)) {
            addEncodings(out, "run " + run, run.getBytes(StandardCharsets.US_ASCII));
        }
        return out;
    }

    private static void addEncodings(List<Needle> out, String what, byte[] bytes) {
        out.add(Needle.of(what, bytes));
        out.add(Needle.of(what + ", hex", HexFormat.of().formatHex(bytes)));
        out.add(Needle.of(what + ", HEX", HexFormat.of().withUpperCase().formatHex(bytes)));
        String decimal = Arrays.toString(bytes);
        out.add(Needle.of(what + ", decimal bytes", decimal.substring(1, decimal.length() - 1)));
        String url = URLEncoder.encode(new String(bytes, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        out.add(Needle.of(what + ", URL-encoded", url));
        out.add(Needle.of(what + ", URL-encoded (%20)", url.replace("+", "%20")));
        for (int align = 0; align < 3 && align < bytes.length; align++) {
            byte[] from = Arrays.copyOfRange(bytes, align, bytes.length);
            // The last characters depend on the bytes that follow in the blob: leave them out.
            addBase64(out, what + ", base64@" + align, Base64.getEncoder().withoutPadding().encodeToString(from));
            addBase64(out, what + ", base64url@" + align,
                    Base64.getUrlEncoder().withoutPadding().encodeToString(from));
        }
    }

    private static void addBase64(List<Needle> out, String form, String encoded) {
        String stable = encoded.substring(0, Math.max(0, encoded.length() - 3));
        if (stable.length() >= MIN_ENCODED) {
            out.add(Needle.of(form, stable));
        }
    }

    /** The maximal runs of printable ASCII (0x21-0x7E) of at least {@link #MIN_RUN} characters. */
    static List<String> printableRuns(String secret) {
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i <= secret.length(); i++) {
            char c = i < secret.length() ? secret.charAt(i) : 0;
            if (c >= 0x21 && c <= 0x7E) {
                run.append(c);
            } else {
                if (run.length() >= MIN_RUN) {
                    runs.add(run.toString());
                }
                run.setLength(0);
            }
        }
        return runs;
    }

    private record Needle(String form, String bytes) {
        static Needle of(String form, byte[] value) {
            return new Needle(form, new String(value, StandardCharsets.ISO_8859_1));
        }

        static Needle of(String form, String ascii) {
            return of(form, ascii.getBytes(StandardCharsets.UTF_8));
        }
    }
}
