<#-- The TES frame for every HTML mail. Mail clients ignore stylesheets and most CSS, so the layout is a table with
     inline styles only. Colours: white on the brand green 6.2:1, body text #1b1d21 on white 16:1. -->
<#macro emailLayout>
<html lang="${locale.language}" dir="${(ltr)?then('ltr','rtl')}">
<head>
    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>TES</title>
</head>
<body style="margin:0;padding:0;background-color:#eef2ef;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="background-color:#eef2ef;">
    <tr>
        <td align="center" style="padding:24px 12px;">
            <table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0"
                   style="max-width:560px;background-color:#ffffff;border-radius:8px;border-top:6px solid #1f6f43;">
                <tr>
                    <td style="padding:20px 28px;background-color:#1f6f43;color:#ffffff;font-family:Arial,Helvetica,sans-serif;">
                        <span style="font-size:26px;font-weight:bold;letter-spacing:6px;">TES</span><br>
                        <span style="font-size:13px;letter-spacing:1px;">Takeback Event System</span>
                    </td>
                </tr>
                <tr>
                    <td class="tes-mail-body"
                        style="padding:24px 28px;color:#1b1d21;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;">
                        <#nested>
                    </td>
                </tr>
                <tr>
                    <td style="padding:16px 28px;border-top:1px solid #d7e3da;color:#4a4f55;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:1.5;">
                        ${msg("tesEmailFooter")}
                    </td>
                </tr>
            </table>
        </td>
    </tr>
</table>
</body>
</html>
</#macro>
