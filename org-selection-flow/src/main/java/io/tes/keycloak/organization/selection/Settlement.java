package io.tes.keycloak.organization.selection;

import io.tes.keycloak.organization.contract.Organization;
import io.tes.keycloak.organization.contract.OrganizationEvents;
import io.tes.keycloak.organization.contract.SelectionReason;
import io.tes.keycloak.organization.spi.OrganizationSource;
import io.tes.keycloak.organization.spi.SourceFailure;
import io.tes.keycloak.organization.spi.SourceRequest;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Makes a choice the organization of this client's session: the source that offered it settles it (WorkOS completes
 * its pending selection or moves its session; Keycloak needs no call), then the event, the remembered choice.
 */
final class Settlement {

    private static final Logger LOG = Logger.getLogger(Settlement.class);

    private Settlement() {
    }

    static void settle(AuthenticationFlowContext context, SourceRequest request, OrganizationSource source,
            Organization chosen, SelectionReason reason, OrganizationSelectionConfig config) throws SourceFailure {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        OfferedNote.clear(authSession);
        source.settle(request, chosen, reason);
        OrganizationEvents.chosen(SelectionFailure.event(context), chosen, reason);
        if (config.remember() && reason == SelectionReason.USER) {
            RememberedChoice.write(context.getUser(), authSession.getClient(), chosen.id());
        }
        LOG.debugf("Organization %s settled for client %s (%s)", chosen.id(), authSession.getClient().getClientId(),
                reason.code());
    }
}
