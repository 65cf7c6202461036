package io.flowgate.services.auth;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.IdGenerator;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.UserRepository;
import io.flowgate.core.workspace.User;
import io.flowgate.runtime.support.ExpiringCache;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates API callers ({@code Authorization: Bearer <key>} or Basic {@code email:key}) and creates
 * the bootstrap admin on first start. A key is looked up in the database at most once a second per node:
 * a key revoked on this node stops working at once, on another node within that second.
 */
public final class AuthService {

    public static final String ADMIN_EMAIL = "admin@flowgate.local";
    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
    private static final Duration KEY_TIME_TO_LIVE = Duration.ofSeconds(1);
    private static final int MAX_KEYS = 10_000;

    private final Store store;
    private final IdGenerator ids;
    private final Clock clock;
    private final ExpiringCache<String, Optional<User>> usersByKeyHash;

    public AuthService(Store store, IdGenerator ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.usersByKeyHash = new ExpiringCache<>(clock, KEY_TIME_TO_LIVE, MAX_KEYS);
    }

    /** The caller of an {@code Authorization} header value; UNAUTHORIZED when absent or wrong. */
    public Caller authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw FlowgateException.unauthorized("An API key is required: Authorization: Bearer <apiKey>");
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? "" : authorization.substring(0, space);
        String credentials = space < 0 ? "" : authorization.substring(space + 1).trim();
        Optional<User> user = switch (scheme.toLowerCase(java.util.Locale.ROOT)) {
            case "bearer" -> byKey(credentials);
            case "basic" -> byBasic(credentials);
            default -> Optional.empty();
        };
        return new Caller(user.orElseThrow(() -> FlowgateException.unauthorized("The API key is not valid")));
    }

    /**
     * Makes sure the bootstrap admin exists with {@code configuredKey} as a valid key. When no key is
     * configured and the admin is new, a key is generated and returned (to be printed once and kept).
     */
    public Optional<String> ensureAdmin(String configuredKey) {
        return store.transact(tx -> {
            UserRepository users = tx.users();
            User admin = users.findByEmail(ADMIN_EMAIL).orElseGet(() -> {
                User created = new User(ids.next(), ADMIN_EMAIL, "Administrator", true, clock.instant());
                users.insert(created);
                return created;
            });
            if (configuredKey != null) {
                if (users.findByKeyHash(ApiKeys.hash(configuredKey)).isEmpty()) {
                    users.insertKey(key(admin.id(), configuredKey));
                }
                return Optional.<String>empty();
            }
            if (!users.keys(admin.id()).isEmpty()) {
                return Optional.<String>empty();
            }
            String generated = ApiKeys.generate();
            users.insertKey(key(admin.id(), generated));
            LOG.info("Created the bootstrap admin {}", ADMIN_EMAIL);
            return Optional.of(generated);
        });
    }

    /** A new key record for {@code userId}. */
    public UserRepository.ApiKey key(UUID userId, String key) {
        return new UserRepository.ApiKey(ids.next(), userId, ApiKeys.hash(key), ApiKeys.prefix(key), clock.instant(), null);
    }

    private Optional<User> byKey(String key) {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return usersByKeyHash.get(ApiKeys.hash(key), hash -> store.read(tx -> tx.users().findByKeyHash(hash)));
    }

    /** Forgets the keys looked up so far: one was revoked on this node. */
    public void forgetKeys() {
        usersByKeyHash.evictAll();
    }

    private Optional<User> byBasic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String email = decoded.substring(0, colon);
        return byKey(decoded.substring(colon + 1)).filter(user -> user.email().equalsIgnoreCase(email));
    }
}
