package io.tes.keycloak.workos.events;

import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.cluster.ExecutionResult;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Runs the poll under Keycloak's cluster-wide task lock ({@link ClusterProvider#executeIfNotExecuted}), as Keycloak's
 * {@code ClusterAwareScheduledTaskRunner} does (that class lives in a module the pack does not compile against): on
 * each tick of each node's timer, the node that takes the lock polls, the others skip. The lock is released when the
 * poll ends; a node that dies while polling holds it until {@code lockSeconds} pass, then another node takes over.
 */
final class ClusterPollRunner implements Runnable {

    private static final Logger LOG = Logger.getLogger(ClusterPollRunner.class);

    private final KeycloakSessionFactory factory;
    private final EventPollTask task;
    private final int lockSeconds;

    ClusterPollRunner(KeycloakSessionFactory factory, EventPollTask task, int lockSeconds) {
        this.factory = factory;
        this.task = task;
        this.lockSeconds = lockSeconds;
    }

    @Override
    public void run() {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                ExecutionResult<Void> result = session.getProvider(ClusterProvider.class)
                        .executeIfNotExecuted(EventPollTask.TASK_NAME, lockSeconds, () -> {
                            LOG.debugf("This node holds the cluster lock %s and polls WorkOS events",
                                    EventPollTask.TASK_NAME);
                            task.run(session);
                            return null;
                        });
                if (!result.isExecuted()) {
                    LOG.debugf("Another node is polling WorkOS events");
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: the WorkOS event poll failed", WorkOsEventConsumer.POLL_FAILED);
        }
    }
}
