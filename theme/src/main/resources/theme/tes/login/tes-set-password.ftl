<#-- The page WorkOS's password reset email links to (/realms/{realm}/tes-password-reset): the form, or one of its outcomes. -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=(resetState == "form" && !messagesPerField.existsError('password','password-confirm')); section>
    <#if section = "header">
        <#if resetState == "form">${msg("workosSetPasswordTitle")}
        <#elseif resetState == "done">${msg("workosSetPasswordDoneTitle")}
        <#else>${msg("workosResetLinkInvalidTitle")}
        </#if>
    <#elseif section = "form">
        <#if resetState == "form">
            <form id="tes-set-password-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
                <input type="hidden" name="token" value="${token}"/>
                <input type="hidden" name="state" value="${state}"/>
                <@field.password name="password-new" label=msg("passwordNew") fieldName="password" autocomplete="new-password" autofocus=true />
                <@field.password name="password-confirm" label=msg("passwordConfirm") autocomplete="new-password" />
                <@buttons.actionGroup>
                    <@buttons.button id="tes-set-password-submit" label="doSubmit"/>
                </@buttons.actionGroup>
            </form>
        <#else>
            <div id="tes-reset-outcome" role="<#if resetState == "done">status<#else>alert</#if>">
                <p>
                    <#if resetState == "done">${msg("workosSetPasswordDone")}
                    <#elseif resetState == "expired">${msg("workosResetFormExpired")}
                    <#elseif resetState == "blocked">${msg("workosResetTooManyAttempts")}
                    <#else>${msg("workosResetLinkInvalid")}
                    </#if>
                </p>
            </div>
            <@buttons.actionGroup>
                <#if resetState == "invalid">
                    <@buttons.buttonLink id="tes-request-new-link" href=newLinkUrl label="workosRequestNewLink" class=["kcButtonPrimaryClass", "kcButtonBlockClass"]/>
                </#if>
                <@buttons.buttonLink id="tes-sign-in" href=signInUrl label="workosSignIn"/>
            </@buttons.actionGroup>
        </#if>
    </#if>
</@layout.registrationLayout>
