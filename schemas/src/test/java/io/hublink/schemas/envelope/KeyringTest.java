package io.hublink.schemas.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class KeyringTest {

    private static final Clock DEC_3 = Clock.fixed(Instant.parse("2026-12-03T23:59:00Z"), ZoneOffset.UTC);

    @Test
    void should_generate_one_active_key_with_a_dated_id() {
        // when
        Keyring keyring = Keyring.generate(DEC_3);

        // then
        assertThat(keyring.keyIds()).hasSize(1);
        assertThat(keyring.activeKeyId()).matches("k-20261203-[0-9a-f]{6}");
        assertThat(keyring.newestKeyId()).isEqualTo(keyring.activeKeyId());
        assertThat(Keyring.generate().activeKeyId()).matches("k-\\d{8}-[0-9a-f]{6}");
    }

    @Test
    void should_generate_different_keys_and_fingerprint_keys_each_time() {
        // when
        Keyring one = Keyring.generate();
        Keyring two = Keyring.generate();

        // then
        assertThat(TestKeyrings.rawKey(one, one.activeKeyId())).isNotEqualTo(TestKeyrings.rawKey(two,
                two.activeKeyId()));
        assertThat(one.fingerprintKey().getEncoded()).isNotEqualTo(two.fingerprintKey().getEncoded());
    }

    @Test
    void should_add_a_new_inactive_key_without_changing_the_original() {
        // given
        Keyring original = Keyring.generate();

        // when
        Keyring added = original.withNewKey();

        // then
        assertThat(added.keyIds()).hasSize(2).startsWith(original.activeKeyId());
        assertThat(added.newestKeyId()).isNotEqualTo(original.activeKeyId());
        assertThat(added.activeKeyId()).isEqualTo(original.activeKeyId());
        assertThat(original.keyIds()).hasSize(1);
        assertThat(added.fingerprintKey().getEncoded()).as("the fingerprint key never rotates")
                .isEqualTo(original.fingerprintKey().getEncoded());
    }

    @Test
    void should_activate_exactly_the_named_key() {
        // given
        Keyring added = Keyring.generate().withNewKey();
        String first = added.activeKeyId();

        // when
        Keyring rotated = added.activate(added.newestKeyId());

        // then
        assertThat(rotated.activeKeyId()).isEqualTo(added.newestKeyId());
        assertThat(rotated.keys()).filteredOn(KeyringKey::active).hasSize(1);
        assertThat(rotated.keyIds()).containsExactlyElementsOf(added.keyIds());
        assertThat(rotated.activate(first).activeKeyId()).isEqualTo(first);
        assertThat(added.activeKeyId()).as("unchanged").isEqualTo(first);
    }

    @Test
    void should_refuse_to_activate_an_unknown_key_naming_it() {
        assertThatThrownBy(() -> Keyring.generate().activate("k-nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k-nope");
    }

    @Test
    void should_list_ids_only_in_to_string() {
        // given
        Keyring keyring = Keyring.generate().withNewKey();

        // when
        String shown = keyring.toString();

        // then
        assertThat(shown).contains(keyring.activeKeyId() + " (active)").contains(keyring.newestKeyId());
        for (KeyringKey key : keyring.keys()) {
            assertNotShown(shown, key.copyKeyBytes());
        }
        assertNotShown(shown, keyring.fingerprintKey().getEncoded());
    }

    @Test
    void should_accept_key_ids_of_up_to_255_utf8_bytes() {
        // given
        String longest = "k".repeat(255);

        // when
        Keyring keyring = keyring(new KeyringKey(longest, new byte[32], true));

        // then
        assertThat(keyring.activeKeyId()).isEqualTo(longest);
    }

    @Test
    void should_refuse_key_ids_longer_than_255_utf8_bytes_when_the_key_is_created() {
        assertThatThrownBy(() -> new KeyringKey("k".repeat(256), new byte[32], true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 bytes in UTF-8, more than 255");
        assertThatThrownBy(() -> new KeyringKey("é".repeat(128), new byte[32], true))
                .as("counted in bytes, not characters")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 bytes");
    }

    @Test
    void should_refuse_empty_key_ids_and_ids_that_could_break_a_log_line() {
        for (String bad : new String[] {"", "k 1", "k-1\n", "k-\u0000"}) {
            assertThatThrownBy(() -> new KeyringKey(bad, new byte[32], true))
                    .as("'%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void should_refuse_keys_that_are_not_32_bytes() {
        assertThatThrownBy(() -> new KeyringKey("k-1", new byte[16], true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key k-1 is not 32 bytes");
        assertThatThrownBy(() -> Keyring.of(new byte[31], List.of(new KeyringKey("k-1", new byte[32], true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fingerprintKey is not 32 bytes");
    }

    @Test
    void should_require_exactly_one_active_key_and_unique_ids() {
        assertThatThrownBy(() -> keyring(new KeyringKey("k-1", new byte[32], false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no active key");
        assertThatThrownBy(() -> keyring(new KeyringKey("k-1", new byte[32], true),
                new KeyringKey("k-2", new byte[32], true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("more than one active key: k-1, k-2");
        assertThatThrownBy(() -> keyring(new KeyringKey("k-1", new byte[32], true),
                new KeyringKey("k-1", new byte[32], false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("key id k-1 appears twice");
    }

    private static Keyring keyring(KeyringKey... keys) {
        return Keyring.of(new byte[32], List.of(keys));
    }

    private static void assertNotShown(String shown, byte[] key) {
        assertThat(shown)
                .doesNotContain(Base64.getEncoder().encodeToString(key))
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(key))
                .doesNotContain(HexFormat.of().formatHex(key));
    }
}
