/**
 * @module console/views/styles
 * The console's stylesheet (served from the origin: the CSP allows no inline style).
 */
export const CONSOLE_CSS = `body.console header,body.console main{max-width:72rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
.filters label{margin-top:0}
.filters select,.filters input{width:auto;max-width:100%}
.filters label{max-width:100%;min-width:0}
.filters select{max-width:24rem}
.high{color:#a40000;font-weight:700}
.overdue{color:#a40000;font-weight:700}
.done{color:#0b5d4b}
.tag{font-size:.8rem;border:1px solid #888;border-radius:.2rem;padding:0 .2rem}
.cols{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr);gap:1.5rem}
@media (max-width:50rem){.cols{grid-template-columns:minmax(0,1fr)}}
.cols>*{min-width:0}
input[type=file]{max-width:100%}
.cols dd,.cols p,.cols li{overflow-wrap:anywhere}
.cols table{display:block;max-width:100%;overflow-x:auto}
.narrative{white-space:pre-wrap;background:#fff;border:1px solid #ccc;padding:.75rem}
.actions form{margin-bottom:1rem;border-top:1px solid #ddd;padding-top:.5rem}
form.inline{display:inline}
button.secondary{background:#fff;color:#0b5d4b;border:2px solid #0b5d4b}
button.link{background:none;color:#0b5d4b;text-decoration:underline;padding:0}
.qr svg{width:14rem;height:14rem}
.secret{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
.from_reporter{border-left:4px solid #0b5d4b}
.to_reporter{border-left:4px solid #b08800}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
body.console main{overflow-wrap:anywhere}
.search,.save-filter{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:.5rem 0}
.search label,.save-filter label{margin-top:0;flex:1 1 14rem}
input[type=search]{width:100%;padding:.6rem;font-size:1rem;border:1px solid #777;border-radius:.3rem}
.search button,.save-filter button,.filters button{margin-top:0}
.saved{margin:.5rem 0}
.saved-filter{display:inline-block;margin-right:.75rem}
.employer{display:block}
.snippet{display:block;color:#444;font-size:.9rem}
tr.unread td{background:#eef7f4}
.unread-marker{background:#0b5d4b;color:#fff;border-color:#0b5d4b}
.bulk-actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;border-top:1px solid #ddd;padding-top:.5rem}
.bulk-actions label{margin-top:0}
.bulk-actions select{width:auto;max-width:100%}
.pick input{width:1.3rem;height:1.3rem}
.templates{margin:.5rem 0}
@media (max-width:40rem){
.queue-page{display:flex;flex-direction:column}
.queue-page>form.filters,.queue-page>form.save-filter{order:2}
table.queue thead{display:none}
table.queue,table.queue tbody,table.queue tr,table.queue td{display:block;width:auto}
table.queue tr{border-bottom:2px solid #ccc;padding:.4rem 0}
table.queue td{border:0;padding:.15rem .4rem}
.filters label,.bulk-actions label{flex:1 1 100%}
.filters select,.filters input,.bulk-actions select{width:100%}
body.console table{display:block;overflow-x:auto}
}
`