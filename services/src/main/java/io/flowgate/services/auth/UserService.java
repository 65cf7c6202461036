package io.flowgate.services.auth;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.IdGenerator;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.UserRepository;
import io.flowgate.core.workspace.User;
import io.flowgate.services.Names;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Users and their API keys. Only platform admins create users; a key is shown once, when created. */
public final class UserService {

    /** A user with a key that was just created (the only time it can be shown). */
    public record WithKey(User user, UserRepository.ApiKey key, String secret) {
    }

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private final Store store;
    private final AuthService auth;
    private final IdGenerator ids;
    private final Clock clock;

    public UserService(Store store, AuthService auth, IdGenerator ids, Clock clock) {
        this.store = store;
        this.auth = auth;
        this.ids = ids;
        this.clock = clock;
    }

    public WithKey create(Caller caller, String email, String name, boolean admin) {
        if (!caller.isAdmin()) {
            throw FlowgateException.forbidden("Only platform admins create users");
        }
        if (email == null || !EMAIL.matcher(email).matches() || email.length() > 320) {
            throw FlowgateException.invalid("attributes.email must be an email address");
        }
        String checkedName = Names.require(name == null ? email : name, "attributes.name");
        User user = new User(ids.next(), email, checkedName, admin, clock.instant());
        String secret = ApiKeys.generate();
        UserRepository.ApiKey key = auth.key(user.id(), secret);
        store.transact(tx -> {
            if (tx.users().findByEmail(email).isPresent()) {
                throw FlowgateException.conflict("A user with email " + email + " exists");
            }
            tx.users().insert(user);
            tx.users().insertKey(key);
            return null;
        });
        return new WithKey(user, key, secret);
    }

    public User get(Caller caller, UUID id) {
        if (!caller.isAdmin() && !caller.userId().equals(id)) {
            throw FlowgateException.notFound("User " + id + " does not exist");
        }
        return store.read(tx -> tx.users().find(id)).orElseThrow(() -> FlowgateException.notFound("User " + id + " does not exist"));
    }

    public List<User> list(Caller caller) {
        if (!caller.isAdmin()) {
            return List.of(caller.user());
        }
        return store.read(tx -> tx.users().list());
    }

    public WithKey createKey(Caller caller) {
        String secret = ApiKeys.generate();
        UserRepository.ApiKey key = auth.key(caller.userId(), secret);
        store.transact(tx -> {
            tx.users().insertKey(key);
            return null;
        });
        return new WithKey(caller.user(), key, secret);
    }

    public List<UserRepository.ApiKey> keys(Caller caller) {
        return store.read(tx -> tx.users().keys(caller.userId()));
    }

    public void revokeKey(Caller caller, UUID keyId) {
        boolean revoked = store.transact(tx -> tx.users().revokeKey(caller.userId(), keyId, clock.instant()));
        if (!revoked) {
            throw FlowgateException.notFound("API key " + keyId + " does not exist");
        }
        auth.forgetKeys();
    }
}
