package io.flowgate.store.jdbc;

import static io.flowgate.store.jdbc.StoreFixtures.now;
import static io.flowgate.store.jdbc.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.port.StoreTx;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.port.UserRepository.ApiKey;
import io.flowgate.core.workspace.User;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Users and their API keys. */
interface UserContract extends StoreAccess {

    @Test
    default void aUserIsFoundByIdAndByEmailInAnyCase() {
        User user = user();
        run(tx -> tx.users().insert(user));

        assertThat(read((StoreTx tx) -> tx.users().find(user.id()))).contains(user);
        assertThat(read((StoreTx tx) -> tx.users().findByEmail(user.email().toUpperCase(Locale.ROOT)))).contains(user);
        assertThat(read((StoreTx tx) -> tx.users().find(UUID.randomUUID()))).isEmpty();
        assertThat(read((StoreTx tx) -> tx.users().findByEmail("nobody-" + UUID.randomUUID() + "@example.test"))).isEmpty();
    }

    @Test
    default void listAndCountIncludeEveryUserOldestFirst() {
        long before = read(tx -> tx.users().count());
        User older = new User(UUID.randomUUID(), "older-" + UUID.randomUUID() + "@example.test", "Older", true,
                now().minusSeconds(60));
        User newer = user();
        run(tx -> {
            tx.users().insert(newer);
            tx.users().insert(older);
        });

        assertThat(read((StoreTx tx) -> tx.users().count())).isEqualTo(before + 2);
        assertThat(read((StoreTx tx) -> tx.users().list())).containsSubsequence(older, newer);
    }

    @Test
    default void aSecondUserWithTheSameEmailIsAConflict() {
        User user = user();
        run(tx -> tx.users().insert(user));
        User twin = new User(UUID.randomUUID(), user.email(), "Twin", false, now());

        assertThatThrownBy(() -> run(tx -> tx.users().insert(twin)))
                .isInstanceOfSatisfying(FlowgateException.class, e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.CONFLICT));
        assertThat(read((StoreTx tx) -> tx.users().find(twin.id()))).isEmpty();
    }

    @Test
    default void anApiKeyFindsItsUserByHashUntilItIsRevoked() {
        User user = user();
        ApiKey first = key(user.id(), now().minusSeconds(10));
        ApiKey second = key(user.id(), now());
        run(tx -> {
            tx.users().insert(user);
            tx.users().insertKey(first);
            tx.users().insertKey(second);
        });
        assertThat(read((StoreTx tx) -> tx.users().findByKeyHash(first.keyHash()))).contains(user);
        assertThat(read((StoreTx tx) -> tx.users().keys(user.id()))).containsExactly(first, second);

        Instant revokedAt = now();
        assertThat(tx((StoreTx tx) -> tx.users().revokeKey(user.id(), first.id(), revokedAt))).isTrue();

        assertThat(read((StoreTx tx) -> tx.users().findByKeyHash(first.keyHash()))).isEmpty();
        assertThat(read((StoreTx tx) -> tx.users().findByKeyHash(second.keyHash()))).contains(user);
        assertThat(read((StoreTx tx) -> tx.users().keys(user.id()))).containsExactly(
                new ApiKey(first.id(), user.id(), first.keyHash(), first.prefix(), first.createdAt(), revokedAt), second);
        assertThat(tx((StoreTx tx) -> tx.users().revokeKey(user.id(), first.id(), now()))).as("revoked twice").isFalse();
    }

    @Test
    default void onlyTheOwnerRevokesAKey() {
        User owner = user();
        User other = user();
        ApiKey key = key(owner.id(), now());
        run(tx -> {
            tx.users().insert(owner);
            tx.users().insert(other);
            tx.users().insertKey(key);
        });

        assertThat(tx((StoreTx tx) -> tx.users().revokeKey(other.id(), key.id(), now()))).isFalse();
        assertThat(tx((StoreTx tx) -> tx.users().revokeKey(owner.id(), UUID.randomUUID(), now()))).isFalse();
        assertThat(read((StoreTx tx) -> tx.users().findByKeyHash(key.keyHash()))).contains(owner);
        assertThat(read((StoreTx tx) -> tx.users().findByKeyHash("unknown-" + UUID.randomUUID()))).isEmpty();
    }

    private static ApiKey key(UUID userId, Instant createdAt) {
        String hash = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        return new ApiKey(UUID.randomUUID(), userId, hash, "fg_" + hash.substring(0, 6), createdAt, null);
    }
}
