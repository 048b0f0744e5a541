package io.tes.keycloak.workos.client;

import java.util.List;

/** A page of WorkOS events, oldest first, and WorkOS's cursor after it (null when the page is empty). */
public record WorkOsEventPage(List<WorkOsEvent> events, String after) {
}
