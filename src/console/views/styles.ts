/**
 * @module console/views/styles
 * The console's stylesheet (served from the origin: the CSP allows no inline style).
 */
export const CONSOLE_CSS = `body.console header,body.console main{max-width:72rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
.filters label{margin-top:0}
.filters select,.filters input{width:auto}
.high{color:#a40000;font-weight:700}
.overdue{color:#a40000;font-weight:700}
.done{color:#0b5d4b}
.tag{font-size:.8rem;border:1px solid #888;border-radius:.2rem;padding:0 .2rem}
.cols{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr);gap:1.5rem}
@media (max-width:50rem){.cols{grid-template-columns:1fr}}
.narrative{white-space:pre-wrap;background:#fff;border:1px solid #ccc;padding:.75rem}
.actions form{margin-bottom:1rem;border-top:1px solid #ddd;padding-top:.5rem}
form.inline{display:inline}
button.secondary{background:#fff;color:#0b5d4b;border:2px solid #0b5d4b}
button.link{background:none;color:#0b5d4b;text-decoration:underline;padding:0}
.qr svg{width:14rem;height:14rem}
.secret{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
.from_reporter{border-left:4px solid #0b5d4b}
.to_reporter{border-left:4px solid #b08800}
`
