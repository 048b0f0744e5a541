<#import "template.ftl" as layout>
<#include "tes-attempted-username.ftl">
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
