package io.hublink.schemas.envelope;

import java.util.HexFormat;
import java.util.List;

/** Keyrings with known keys, for tests that must compute the same bytes independently. */
final class TestKeyrings {

    static final String KEY_ID = "k-20261203-3fa9c1";
    /** 00 01 02 … 1f */
    static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    static final byte[] FINGERPRINT_KEY = HexFormat.of()
            .parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f");

    private TestKeyrings() {
    }

    static Keyring known() {
        return Keyring.of(FINGERPRINT_KEY.clone(), List.of(new KeyringKey(KEY_ID, KEY.clone(), true)));
    }

    static byte[] rawKey(Keyring keyring, String keyId) {
        return keyring.key(keyId).orElseThrow().copyKeyBytes();
    }
}
