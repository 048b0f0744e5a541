package io.tes.keycloak.organization.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.events.EventBuilder;

/** An {@link EventBuilder} that records the string details and errors put on it, in order. */
public final class RecordedEvent {

    public final Map<String, String> details = new LinkedHashMap<>();
    public final List<String> errors = new ArrayList<>();
    /** Details and the error in the order they were recorded, e.g. {@code detail:workos_error}, {@code error:x}. */
    public final List<String> calls = new ArrayList<>();
    public final EventBuilder builder = mock(EventBuilder.class, RETURNS_SELF);

    public RecordedEvent() {
        doAnswer(call -> {
            details.put(call.getArgument(0), call.getArgument(1));
            calls.add("detail:" + call.getArgument(0));
            return builder;
        }).when(builder).detail(anyString(), (String) any());
        doAnswer(call -> {
            errors.add(call.getArgument(0));
            calls.add("error:" + call.getArgument(0));
            return null;
        }).when(builder).error(any());
    }
}
