<#import "template.ftl" as layout>
<#include "tes-attempted-username.ftl">
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code') displayInfo=false; section>
<!-- template: tes-workos-second-step.ftl (TES Keycloak pack) -->
    <#if section = "header">
        <#if workosStep.kind == "email_verification">
            ${msg("workosEmailCodeTitle")}
        <#elseif workosStep.kind == "mfa_enrollment">
            ${msg("workosTotpEnrollTitle")}
        <#else>
            ${msg("workosTotpTitle")}
        </#if>
    <#elseif section = "form">
        <form id="tes-workos-second-step" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <input type="hidden" name="tes_second_step" value="${workosStep.kind}" />
            <#if workosStep.kind == "email_verification">
                <p id="tes-second-step-instruction">${msg("workosEmailCodeInstruction", workosStep.email)}</p>
            <#elseif workosStep.kind == "mfa_enrollment">
                <p id="tes-second-step-instruction">${msg("workosTotpEnrollInstruction")}</p>
                <#if workosStep.qrCode??>
                    <div class="${properties.kcFormGroupClass!} tes-totp-qr">
                        <img id="tes-totp-qr" src="${workosStep.qrCode}" width="246" height="246"
                             alt="${msg("workosTotpQrAlt")}" />
                    </div>
                </#if>
                <div class="${properties.kcFormGroupClass!}">
                    <p>${msg("workosTotpSecretLabel")}</p>
                    <p><code id="tes-totp-secret">${workosStep.secret}</code></p>
                </div>
            <#else>
                <p id="tes-second-step-instruction">${msg("workosTotpInstruction")}</p>
            </#if>
            <div class="${properties.kcFormGroupClass!}">
                <label for="code" class="${properties.kcLabelClass!}">${msg("workosCodeLabel")}</label>
                <input id="code" name="code" type="text" class="${properties.kcInputClass!}" autofocus
                       autocomplete="one-time-code" inputmode="numeric" maxlength="12"
                       aria-invalid="<#if messagesPerField.existsError('code')>true<#else>false</#if>"
                       <#if messagesPerField.existsError('code')>aria-describedby="input-error-code"</#if> />
                <#if messagesPerField.existsError('code')>
                    <span id="input-error-code" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                        ${kcSanitize(messagesPerField.get('code'))?no_esc}
                    </span>
                </#if>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" type="submit"
                        id="tes-second-step-submit">${msg("workosCodeSubmit")}</button>
            </div>
            <#if workosStep.resendable>
                <div class="${properties.kcFormGroupClass!}">
                    <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" type="submit"
                            name="resend" value="true" formnovalidate id="tes-second-step-resend">${msg("workosCodeResend")}</button>
                </div>
            </#if>
        </form>
        <p><a id="tes-second-step-restart" href="${url.loginRestartFlowUrl}">${msg("workosSecondStepRestart")}</a></p>
    </#if>
</@layout.registrationLayout>
