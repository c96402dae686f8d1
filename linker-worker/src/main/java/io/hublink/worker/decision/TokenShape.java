package io.hublink.worker.decision;

/**
 * What the pasted token looked like, so a message can say what to fix. Only the shape is kept, never the token.
 * Personal API tokens start with {@code pk_}; anything else that ClickUp rejects is most often an OAuth app's client
 * id or secret pasted by mistake.
 */
public enum TokenShape {
    EMPTY, PERSONAL, NOT_PERSONAL, UNKNOWN;

    public static TokenShape of(NormalizedToken token) {
        if (token instanceof NormalizedToken.Malformed) {
            return "empty".equals(((NormalizedToken.Malformed) token).why()) ? EMPTY : UNKNOWN;
        }
        byte[] bytes = ((NormalizedToken.Valid) token).token().copyBytes();
        try {
            boolean personal = bytes.length > 3 && bytes[0] == 'p' && bytes[1] == 'k' && bytes[2] == '_';
            return personal ? PERSONAL : NOT_PERSONAL;
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }
}
