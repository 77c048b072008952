/**
 * @module views/styles
 * The one stylesheet, served from the origin (the CSP allows no inline style or third party).
 * Small on purpose: report pages must stay light on a slow phone.
 */
export const APP_CSS = `*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.5;color:#1a1a1a;background:#fafaf7}
body{margin:0}
header,main,footer{max-width:40rem;margin:0 auto;padding:1rem}
header{border-bottom:3px solid #0b5d4b}
header a{color:inherit;text-decoration:none;font-weight:700}
nav ul{list-style:none;padding:0;display:flex;gap:1rem;flex-wrap:wrap}
a{color:#0b5d4b}
h1{font-size:1.5rem;line-height:1.25}
h2{font-size:1.2rem}
.lead{font-size:1.1rem}
.button,button{display:inline-block;background:#0b5d4b;color:#fff;border:0;border-radius:.4rem;padding:.75rem 1.1rem;font-size:1rem;text-decoration:none;cursor:pointer}
.button.secondary{background:#fff;color:#0b5d4b;border:2px solid #0b5d4b}
label{display:block;font-weight:600;margin-top:1rem}
input[type=text],input[type=email],input[type=tel],input[type=number],input[type=date],select,textarea{width:100%;padding:.6rem;font-size:1rem;border:1px solid #777;border-radius:.3rem;background:#fff;color:#1a1a1a}
textarea{min-height:10rem;font:inherit}
input,select,button{font:inherit}
input[type=file]{max-width:100%}
fieldset{border:0;padding:0;margin:1.25rem 0 0;min-width:0}
.check{display:flex;gap:.6rem;align-items:flex-start;margin-top:.6rem}
.check input{margin-top:.35rem;width:1.2rem;height:1.2rem;flex:none}
.check label{font-weight:400;margin:0}
.hint{color:#444;font-size:.95rem;margin:.2rem 0}
.error{color:#a40000;font-weight:600}
[aria-invalid=true]{border-color:#a40000;outline:2px solid #a40000}
.notice{background:#fff6d6;border-left:4px solid #b08800;padding:.75rem}
.receipt{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.6rem;letter-spacing:.08em;background:#fff;border:2px dashed #0b5d4b;padding:.75rem;text-align:center}
.thread{list-style:none;padding:0}
.thread li{border:1px solid #ccc;border-radius:.3rem;padding:.5rem;margin:.5rem 0;background:#fff}
:focus-visible{outline:3px solid #b08800;outline-offset:2px}
footer{color:#444;font-size:.9rem}
h2{margin-top:1.75rem}
legend{font-weight:600;padding:0 .25rem}
.field{margin-top:1rem}
.field label{margin-top:0}
.mark{font-weight:400;color:#444}
.errors{border:3px solid #a40000;border-radius:.3rem;padding:.5rem 1rem;background:#fff}
.errors h2{margin-top:.5rem;color:#a40000}
.errors a{color:#a40000}
.thread .from-monitor{border-left:4px solid #b08800}
.thread .who{margin:0;font-size:.9rem;color:#444}
.thread .body{margin:.25rem 0 0;white-space:pre-wrap;overflow-wrap:anywhere}
.receipt{font-size:1.35rem;letter-spacing:.05em;padding:.75rem .25rem}
button{margin-top:1rem}
table.stats{border-collapse:collapse;margin:1rem 0}
table.stats caption{text-align:left;font-weight:700;padding:.25rem 0}
table.stats th,table.stats td{padding:.2rem .6rem;border-bottom:1px solid #ddd}
table.stats td{text-align:right}
table.stats th[scope=row]{text-align:left;font-weight:400}
figure.chart{margin:1rem 0}
`
