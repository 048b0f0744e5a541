<#import "template.ftl" as layout>
<#--
  keycloak.v2's layout shows the signed-in user's name in a read-only field (id kc-attempted-username) whose label
  says for="username", so the field has no label (axe-core rule "label", critical). On this page the layout uses
  the macro below instead: the same field and restart link, with the label pointing at the field. Layouts without
  that macro (the v1 theme labels the name differently) are left alone.
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
<@layout.registrationLayout displayMessage=true displayInfo=false; section>
<!-- template: tes-select-organization.ftl (TES Keycloak pack) -->
    <#if section = "header">
        ${msg("tesOrganizationSelectTitle")}
    <#elseif section = "form">
        <form id="tes-select-organization" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <#if organizationFilter>
                <div class="${properties.kcFormGroupClass!}">
                    <label for="tes-organization-filter" class="${properties.kcLabelClass!}">${msg("tesOrganizationFilter")}</label>
                    <input type="search" id="tes-organization-filter" class="${properties.kcInputClass!}" autocomplete="off"
                           aria-controls="tes-organization-list" />
                </div>
            </#if>
            <fieldset class="${properties.kcFormGroupClass!} tes-organization-list" id="tes-organization-list">
                <legend class="${properties.kcLabelClass!}">${msg("tesOrganizationSelectPrompt")}</legend>
                <#list organizations as organization>
                    <div class="tes-organization-option" data-name="${organization.name?lower_case}">
                        <input type="radio" name="organization" id="tes-organization-${organization?index}"
                               class="tes-organization-input" value="${organization.id}" required
                               <#if organization?is_first>checked</#if> />
                        <label for="tes-organization-${organization?index}"
                               class="tes-organization-name">${organization.name}</label>
                    </div>
                </#list>
            </fieldset>
            <div class="${properties.kcFormGroupClass!}">
                <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" type="submit"
                        id="tes-organization-continue">${msg("tesOrganizationContinue")}</button>
            </div>
        </form>
        <#if organizationFilter>
            <script src="${url.resourcesPath}/js/tes-organization-filter.js" defer></script>
        </#if>
    </#if>
</@layout.registrationLayout>
