package io.tes.keycloak.organization.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.models.ClientModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * An {@link AuthenticationSessionModel} whose client, authentication and user-session notes live in maps, as
 * Keycloak keeps them (setting null removes a note). Everything else is Mockito's default.
 */
public final class FakeAuthSession {

    public final Map<String, String> clientNotes = new HashMap<>();
    public final Map<String, String> authNotes = new HashMap<>();
    public final Map<String, String> userSessionNotes = new HashMap<>();
    public final AuthenticationSessionModel model = mock(AuthenticationSessionModel.class);

    public FakeAuthSession() {
        backBy(clientNotes, Kind.CLIENT);
        backBy(authNotes, Kind.AUTH);
        backBy(userSessionNotes, Kind.USER_SESSION);
    }

    /** A session of that client. */
    public static FakeAuthSession of(ClientModel client) {
        FakeAuthSession session = new FakeAuthSession();
        when(session.model.getClient()).thenReturn(client);
        return session;
    }

    private enum Kind { CLIENT, AUTH, USER_SESSION }

    private void backBy(Map<String, String> notes, Kind kind) {
        AuthenticationSessionModel stub = doAnswer(call -> put(notes, call.getArgument(0), call.getArgument(1)))
                .when(model);
        switch (kind) {
            case CLIENT -> {
                stub.setClientNote(any(), any());
                when(model.getClientNote(any())).thenAnswer(call -> notes.get(call.<String>getArgument(0)));
                doAnswer(call -> notes.remove(call.<String>getArgument(0))).when(model).removeClientNote(any());
                when(model.getClientNotes()).thenAnswer(call -> Map.copyOf(notes));
            }
            case AUTH -> {
                stub.setAuthNote(any(), any());
                when(model.getAuthNote(any())).thenAnswer(call -> notes.get(call.<String>getArgument(0)));
                doAnswer(call -> notes.remove(call.<String>getArgument(0))).when(model).removeAuthNote(any());
            }
            case USER_SESSION -> {
                stub.setUserSessionNote(any(), any());
                when(model.getUserSessionNotes()).thenAnswer(call -> Map.copyOf(notes));
            }
        }
    }

    private static Object put(Map<String, String> notes, String key, String value) {
        if (value == null) {
            notes.remove(key);
        } else {
            notes.put(key, value);
        }
        return null;
    }
}
