<#--
  keycloak.v2's layout shows the signed-in user's name in a read-only field (id kc-attempted-username) whose label
  says for="username", so the field has no label (axe-core rule "label", critical). The pack's pages include this
  file after importing the layout: the layout then uses the macro below instead, the same field and restart link
  with the label pointing at the field. Layouts without that macro (the v1 theme labels the name differently) are
  left alone.
-->
<#macro attemptedUsername>
    <div class="${properties.kcFormGroupClass!}">
        <div class="${properties.kcFormGroupLabelClass!}">
            <label for="kc-attempted-username" class="${properties.kcFormLabelClass!}">
                <span class="${properties.kcFormLabelTextClass!}"><#if !realm.loginWithEmailAllowed>${msg("username")}<#elseif !realm.registrationEmailAsUsername>${msg("usernameOrEmail")}<#else>${msg("email")}</#if></span>
            </label>
        </div>
        <div class="${properties.kcInputGroup!}">
            <div class="${properties.kcInputGroupItemClass!} ${properties.kcFill!}">
                <span class="${properties.kcInputClass!} ${properties.kcFormReadOnlyClass!}">
                    <input id="kc-attempted-username" value="${auth.attemptedUsername}" readonly>
                </span>
            </div>
            <div class="${properties.kcInputGroupItemClass!}">
                <a id="reset-login" class="${properties.kcFormPasswordVisibilityButtonClass!}"
                   href="${url.loginRestartFlowUrl}" aria-label="${msg("restartLoginTooltip")}"
                   title="${msg("restartLoginTooltip")}">
                    <i class="fa-sync-alt fas" aria-hidden="true"></i>
                </a>
            </div>
        </div>
    </div>
</#macro>
<#if layout.username??>
    <#assign username=attemptedUsername in layout>
</#if>
