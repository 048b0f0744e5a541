package io.tes.keycloak.workos.events;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

/**
 * The scheduled poll: every realm with an enabled WorkOS identity provider reads its new events, each realm in a
 * transaction of its own (one realm's failure never holds back another's). Run through
 * {@link ClusterPollRunner}, so one node of the cluster runs it at a time.
 */
final class EventPollTask implements ScheduledTask {

    static final String TASK_NAME = "tes-workos-events";
    private static final Logger LOG = Logger.getLogger(EventPollTask.class);

    @Override
    public void run(KeycloakSession session) {
        List<String> realmIds = session.realms().getRealmsStream().map(RealmModel::getId).toList();
        for (String realmId : realmIds) {
            try {
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), inner -> {
                    RealmModel realm = inner.realms().getRealm(realmId);
                    if (realm == null) {
                        return;
                    }
                    inner.getContext().setRealm(realm);
                    WorkOsEventConsumer consumer = inner.getProvider(WorkOsEventConsumer.class);
                    if (consumer.enabledFor(realm)) {
                        consumer.poll(realm);
                    }
                });
            } catch (RuntimeException e) {
                LOG.warnf(e, "%s: the WorkOS event poll of realm %s failed", WorkOsEventConsumer.POLL_FAILED,
                        realmId);
            }
        }
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }
}
