package io.tes.keycloak.organization.spi;

import org.keycloak.authentication.AuthenticationFlowError;

/**
 * A source could not list or settle: how the step reports it. {@code detailKey} and {@code code} are the event
 * detail the source's module documents (e.g. {@code workos_error} = {@code workos_unavailable}), {@code eventError}
 * a Keycloak {@link org.keycloak.events.Errors} constant, {@code messageKey} a theme message.
 */
public final class SourceFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final String detailKey;
    private final String code;
    private final String eventError;
    private final String messageKey;
    private final transient AuthenticationFlowError flowError;

    public SourceFailure(String detailKey, String code, String eventError, String messageKey,
            AuthenticationFlowError flowError, Throwable cause) {
        super(code, cause);
        this.detailKey = detailKey;
        this.code = code;
        this.eventError = eventError;
        this.messageKey = messageKey;
        this.flowError = flowError;
    }

    public String detailKey() {
        return detailKey;
    }

    public String code() {
        return code;
    }

    public String eventError() {
        return eventError;
    }

    public String messageKey() {
        return messageKey;
    }

    public AuthenticationFlowError flowError() {
        return flowError;
    }
}
