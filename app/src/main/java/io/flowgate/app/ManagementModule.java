package io.flowgate.app;

import io.flowgate.core.IdGenerator;
import io.flowgate.core.crypto.SecretCipher;
import io.flowgate.core.port.Store;
import io.flowgate.http.Authenticated;
import io.flowgate.http.ComponentRoutes;
import io.flowgate.http.CredentialRoutes;
import io.flowgate.http.DeadLetterRoutes;
import io.flowgate.http.HttpServer;
import io.flowgate.http.MemberRoutes;
import io.flowgate.http.RecipeRoutes;
import io.flowgate.http.WorkspaceComponentRoutes;
import io.flowgate.runtime.component.ComponentJars;
import io.flowgate.runtime.component.ComponentRegistry;
import io.flowgate.runtime.component.WorkspaceComponents;
import io.flowgate.runtime.engine.CredentialVault;
import io.flowgate.runtime.engine.EventFactory;
import io.flowgate.services.ActivityLog;
import io.flowgate.services.components.ComponentService;
import io.flowgate.services.credentials.CredentialKeys;
import io.flowgate.services.credentials.CredentialService;
import io.flowgate.services.credentials.WorkspaceCredentialVault;
import io.flowgate.services.deadletters.DeadLetterService;
import io.flowgate.services.flows.FlowService;
import io.flowgate.services.recipes.RecipeService;
import io.flowgate.services.workspaces.MemberService;
import java.time.Clock;
import java.util.List;

/**
 * The wiring of workspace management: sealed credentials and the vault steps read them from, custom
 * components from the component path, and the API of members, credentials, components, recipes and dead
 * letters. Part of the composition root: no logic here.
 */
final class ManagementModule {

    private final Store store;
    private final WorkspaceComponents components;
    private final CredentialKeys credentialKeys;
    private final ActivityLog activity;
    private final CredentialService credentialService;
    private final IdGenerator ids;
    private final Clock clock;

    private ManagementModule(Store store, WorkspaceComponents components, CredentialKeys credentialKeys, EventFactory events,
                             IdGenerator ids, Clock clock) {
        this.store = store;
        this.components = components;
        this.credentialKeys = credentialKeys;
        this.activity = new ActivityLog(events);
        this.credentialService = new CredentialService(store, credentialKeys, activity, ids, clock);
        this.ids = ids;
        this.clock = clock;
    }

    /** Checks the secret key against the database: every node of a platform must have the same. */
    static ManagementModule start(FlowgateConfig config, SecretCipher secrets, Store store, ComponentRegistry builtIns,
                                  EventFactory events, IdGenerator ids, Clock clock) {
        CredentialKeys keys = new CredentialKeys(secrets);
        var components = new WorkspaceComponents(builtIns, new ComponentJars(config.management().componentPath()), store);
        var module = new ManagementModule(store, components, keys, events, ids, clock);
        if (!module.credentialService.secretKeyMatches()) {
            throw new ConfigException("FLOWGATE_SECRET_KEY (or <data dir>/secret.key) is not the key the database's "
                    + "credentials are sealed with: every node of a platform needs the same key");
        }
        return module;
    }

    WorkspaceComponents components() {
        return components;
    }

    CredentialVault credentials() {
        return new WorkspaceCredentialVault(store, credentialKeys);
    }

    List<HttpServer.Mount> routes(Authenticated authenticated, FlowService flows, DeadLetterService deadLetters) {
        ComponentService componentService = new ComponentService(store, components, activity, ids, clock);
        String workspace = "/v2/workspaces/{workspaceId}";
        return List.of(
                new HttpServer.Mount("/v2/components", new ComponentRoutes(componentService, authenticated)),
                new HttpServer.Mount(workspace + "/components", new WorkspaceComponentRoutes(componentService, authenticated)),
                new HttpServer.Mount(workspace + "/members", new MemberRoutes(new MemberService(store, activity, clock), authenticated)),
                new HttpServer.Mount(workspace + "/credentials", new CredentialRoutes(credentialService, authenticated)),
                new HttpServer.Mount(workspace + "/recipes",
                        new RecipeRoutes(new RecipeService(store, flows, activity, ids, clock), authenticated)),
                new HttpServer.Mount(workspace + "/dead-letters",
                        new DeadLetterRoutes(deadLetters, authenticated)));
    }
}
