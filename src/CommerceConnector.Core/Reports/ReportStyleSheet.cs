namespace CommerceConnector.Core.Reports
{
    /// <summary>The report page's inline style sheet (the page loads nothing from anywhere).</summary>
    internal static class ReportStyleSheet
    {
        internal const string Css = @"
:root{--ink:#1b1f23;--muted:#4a5560;--line:#c9d1d9;--bg:#ffffff;--panel:#f6f8fa;--bad:#b3261e;--warn:#7a4b00;--good:#1e6b34;--sent:#2e7d32;--retry:#8a5a00;--attention:#b3261e;--awaiting:#4a5a6a}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;color:var(--ink);background:var(--bg)}
header,main,footer,nav{max-width:72rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.5rem}
h1{font-size:1.6rem;margin:0 0 .25rem}
h2{font-size:1.3rem;margin:0 0 .5rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
h3{font-size:1.05rem;margin:1.25rem 0 .5rem}
code{font-family:ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere;word-break:break-word}
.account{color:var(--muted);margin:0 0 1rem}
.totals{list-style:none;padding:0;margin:0 0 1rem;display:flex;flex-wrap:wrap;gap:.5rem}
.totals li{padding:.25rem .75rem;border-radius:1rem;border:2px solid currentColor;font-weight:600}
.badge{display:inline-block;padding:.1rem .6rem;border-radius:1rem;color:#fff;font-size:.9rem;font-weight:600;white-space:nowrap}
.state-NeedsAttention .badge,.badge.NeedsAttention{background:var(--bad)}
.state-Warning .badge,.badge.Warning{background:var(--warn)}
.state-Ok .badge,.badge.Ok{background:var(--good)}
.totals .NeedsAttention{color:var(--bad)}.totals .Warning{color:var(--warn)}.totals .Ok{color:var(--good)}
nav ol{margin:0 0 1rem;padding-left:1.25rem}
nav a{color:#0b4f8a}
.instance{border:1px solid var(--line);border-left:.5rem solid var(--good);border-radius:.4rem;padding:1rem;margin:0 0 1.25rem;background:var(--bg)}
.instance.state-NeedsAttention{border-left-color:var(--bad)}
.instance.state-Warning{border-left-color:var(--warn)}
.summary{margin:.25rem 0 .75rem;font-weight:600}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--panel)}
ul.checks,ul.feeds{list-style:none;padding:0;margin:0}
.check{padding:.4rem 0;border-bottom:1px solid var(--line)}
details.passed{margin:.4rem 0}
details.passed summary{cursor:pointer;padding:.2rem 0}
.check p{margin:.15rem 0 0}
.verdict{display:inline-block;min-width:6.5rem;font-weight:700}
.verdict.Failed{color:var(--bad)}.verdict.Skipped{color:var(--warn)}.verdict.Passed{color:var(--good)}
.fix{background:var(--panel);border-left:3px solid var(--line);padding:.25rem .5rem}
.feed{padding:.4rem 0;border-bottom:1px solid var(--line)}
.feed-head{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem}
.health{font-weight:700}
.health.NeedsAttention{color:var(--bad)}.health.Retrying,.health.Backlog{color:var(--warn)}.health.Ok{color:var(--good)}.health.NotInstalled{color:var(--muted)}
.bar{display:flex;height:1rem;border:1px solid var(--ink);border-radius:.2rem;overflow:hidden;margin:.3rem 0;background:var(--bg);-webkit-print-color-adjust:exact;print-color-adjust:exact}
.seg{display:block;height:100%}
.seg.submitted{background:var(--sent)}
.seg.retry{background:repeating-linear-gradient(45deg,var(--retry) 0 4px,#5e3d00 4px 8px)}
.seg.attention{background:repeating-linear-gradient(-45deg,var(--attention) 0 3px,#7d1a15 3px 6px)}
.seg.awaiting{background:repeating-linear-gradient(90deg,var(--awaiting) 0 2px,#2f3a45 2px 4px)}
.counts{margin:0;font-size:.95rem}
.counts span{white-space:nowrap}
.key{display:inline-block;width:.8rem;height:.8rem;border:1px solid var(--ink);vertical-align:middle;margin-right:.25rem;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.note{color:var(--muted);font-style:italic}
footer{color:var(--muted);font-size:.9rem;padding-bottom:2rem}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.75rem}
@media (max-width:640px){
 body{font-size:15px}
 header,main,footer,nav{padding:0 .6rem}
 .instance{padding:.75rem .6rem}
 dl.facts{grid-template-columns:1fr}
 dl.facts dd{margin-bottom:.3rem}
 table,thead,tbody,tr,th,td{display:block;width:100%}
 thead{position:absolute;left:-9999px}
 tr{border-bottom:1px solid var(--line);padding:.3rem 0}
 td{border:0;padding:.1rem 0}
 td::before{content:attr(data-label) ': ';font-weight:600;color:var(--muted)}
 .verdict{min-width:0;margin-right:.4rem}
}
@media print{
 nav{display:none}
 body{font-size:10.5pt}
 .instance{break-inside:avoid-page;border-left-width:.3rem}
 a{color:inherit;text-decoration:none}
}";
    }
}
