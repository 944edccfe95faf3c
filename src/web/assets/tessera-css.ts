/**
 * Tessera's one stylesheet (shared/style.md convention 16), served at
 * `/static/tessera.<hash>.css` (web/assets/index.ts). It is a TypeScript module rather than a
 * `.css` file so that it travels with the code wherever it runs — `tsx src/…`, `node dist/…`
 * after `tsc`, a bundle — with no asset-copy step and no file lookup at start that could miss.
 * `String.raw`: CSS escapes (`\2014`) stay verbatim. Never interpolate into it.
 */
export const TESSERA_CSS = String.raw`
:root {
  color-scheme: light dark;
  --bg: #eef1f6;
  --bg-accent: #e3e9f4;
  --card: #ffffff;
  --text: #1b1f24;
  --muted: #5b6470;
  --border: #c9d0da;
  --field: #ffffff;
  --primary: #2f5bd3;
  --primary-hover: #2449b0;
  --primary-text: #ffffff;
  --secondary: #eef1f5;
  --secondary-hover: #e1e6ed;
  --danger: #b42318;
  --danger-bg: #fdecea;
  --focus: #1a4fd6;
  --radius: 10px;
  --shadow: 0 1px 2px rgba(16, 24, 40, .06), 0 12px 32px rgba(16, 24, 40, .10);
  --tile-1: #2f5bd3; --tile-2: #17a2b8; --tile-3: #f0a030; --tile-4: #7b61ff;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1217; --bg-accent: #151a22; --card: #1b2029; --text: #eceff3; --muted: #a3acb9;
    --border: #3a4250; --field: #12161c; --primary: #5b82f0; --primary-hover: #7396f5;
    --primary-text: #0b0e13; --secondary: #262d38; --secondary-hover: #303846;
    --danger: #ff8a80; --danger-bg: #3a1d1d; --focus: #8fb0ff;
    --shadow: 0 1px 2px rgba(0, 0, 0, .4), 0 12px 32px rgba(0, 0, 0, .35);
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; min-height: 100vh; display: flex; flex-direction: column;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
  font-size: 15px; line-height: 1.5; color: var(--text);
  background: radial-gradient(1200px 600px at 10% -10%, var(--bg-accent), transparent 60%), var(--bg);
}
.skip { position: absolute; left: -9999px; top: 0; }
.skip:focus { left: 1rem; top: 1rem; z-index: 10; background: var(--card); padding: .5rem .75rem; border-radius: 6px; }
.shell { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: center; padding: 48px 16px 24px; }
.card {
  width: 100%; max-width: 440px; background: var(--card); border-radius: 14px;
  box-shadow: var(--shadow); padding: 40px 44px 36px;
}
.card.wide { max-width: 500px; }
.brand { display: flex; align-items: center; gap: 10px; margin-bottom: 24px; }
.mark { width: 28px; height: 28px; flex: none; }
.mark .t1 { fill: var(--tile-1); } .mark .t2 { fill: var(--tile-2); }
.mark .t3 { fill: var(--tile-3); } .mark .t4 { fill: var(--tile-4); }
.wordmark { font-size: 1.15rem; font-weight: 650; letter-spacing: -.01em; }
h1 { font-size: 1.5rem; line-height: 1.25; font-weight: 650; margin: 0 0 8px; letter-spacing: -.015em; }
p { margin: 0 0 16px; }
form { margin-top: 20px; }
.lead { color: var(--muted); margin-bottom: 24px; }
.lead strong { color: var(--text); font-weight: 600; }
.field { margin: 0 0 20px; }
label, .label { display: block; font-weight: 600; font-size: .9rem; margin-bottom: 6px; }
input[type=text], input[type=email], input[type=password] {
  display: block; width: 100%; font: inherit; font-size: 1rem; color: var(--text); background: var(--field);
  border: 1px solid var(--border); border-radius: 8px; padding: 10px 12px; min-height: 44px;
  transition: border-color .15s, box-shadow .15s;
}
input:hover { border-color: var(--muted); }
input:focus { outline: none; border-color: var(--focus); box-shadow: 0 0 0 3px color-mix(in srgb, var(--focus) 25%, transparent); }
input[aria-invalid=true] { border-color: var(--danger); }
input[aria-invalid=true]:focus { box-shadow: 0 0 0 3px color-mix(in srgb, var(--danger) 22%, transparent); }
input.code { font-size: 1.4rem; letter-spacing: .35em; text-align: center; font-variant-numeric: tabular-nums; }
.hint { color: var(--muted); font-size: .85rem; margin-top: 6px; }
.error {
  display: flex; gap: 8px; align-items: flex-start; color: var(--danger); background: var(--danger-bg);
  border-radius: 8px; padding: 10px 12px; font-size: .9rem; margin: 0 0 16px;
}
.error::before { content: "!"; flex: none; width: 18px; height: 18px; border-radius: 50%; background: var(--danger); color: var(--card); font-weight: 700; font-size: 12px; line-height: 18px; text-align: center; margin-top: 1px; }
.check { display: flex; align-items: flex-start; gap: 10px; margin: 0 0 20px; font-weight: 400; }
.check input { width: 18px; height: 18px; margin: 2px 0 0; accent-color: var(--primary); flex: none; }
.actions { display: flex; justify-content: flex-end; gap: 10px; margin-top: 28px; flex-wrap: wrap; }
.button {
  display: inline-flex; align-items: center; justify-content: center; min-width: 108px; min-height: 40px;
  padding: 8px 20px; border-radius: 8px; border: 1px solid transparent; font: inherit; font-weight: 600;
  cursor: pointer; text-decoration: none; transition: background-color .15s;
}
.button.primary { background: var(--primary); color: var(--primary-text); }
.button.primary:hover { background: var(--primary-hover); }
.button.secondary { background: var(--secondary); color: var(--text); border-color: var(--border); }
.button.secondary:hover { background: var(--secondary-hover); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
input:focus-visible { outline: none; }
a { color: var(--primary); text-underline-offset: 2px; }
a:hover { color: var(--primary-hover); }
.identity {
  display: inline-flex; align-items: center; gap: 6px; max-width: 100%; margin: 0 0 14px; padding: 4px 12px;
  border-radius: 999px; border: 1px solid var(--border); color: var(--text); text-decoration: none; font-size: .9rem;
}
.identity:hover { background: var(--secondary); color: var(--text); }
.identity .arrow { font-size: 1rem; line-height: 1; color: var(--muted); }
.identity .who { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.accounts { list-style: none; margin: 0 -12px 8px; padding: 0; }
.account {
  display: flex; align-items: center; gap: 14px; width: 100%; padding: 12px; border: 0; border-radius: 10px;
  background: transparent; color: var(--text); font: inherit; text-align: left; cursor: pointer;
}
.account:hover { background: var(--secondary); }
.avatar {
  flex: none; width: 40px; height: 40px; border-radius: 50%; display: grid; place-items: center;
  background: color-mix(in srgb, var(--primary) 14%, var(--card)); color: var(--primary); font-weight: 700;
}
.avatar.plus { background: var(--secondary); color: var(--muted); font-size: 1.4rem; font-weight: 400; }
.who { display: flex; flex-direction: column; min-width: 0; }
.who .name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.who .sub { color: var(--muted); font-size: .875rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.app { display: flex; align-items: center; gap: 14px; margin: 16px 0 20px; }
.app .tile { flex: none; width: 48px; height: 48px; border-radius: 10px; display: grid; place-items: center; font-size: 1.25rem; font-weight: 700; color: #fff; background: linear-gradient(135deg, var(--tile-1), var(--tile-4)); }
.app .name { font-size: 1.05rem; font-weight: 650; overflow-wrap: anywhere; }
.badge { display: inline-block; font-size: .75rem; font-weight: 600; padding: 1px 8px; border-radius: 999px; background: var(--danger-bg); color: var(--danger); }
.permissions { list-style: none; margin: 0 0 20px; padding: 0; border-top: 1px solid var(--border); }
.permissions li { border-bottom: 1px solid var(--border); }
.permissions summary { cursor: pointer; padding: 12px 4px; font-weight: 500; list-style: none; display: flex; gap: 10px; align-items: baseline; }
.permissions summary::-webkit-details-marker { display: none; }
.permissions summary::before { content: "\203A"; color: var(--muted); font-size: 1.1rem; transition: transform .15s; display: inline-block; }
.permissions details[open] summary::before { transform: rotate(90deg); }
.permissions .resource { color: var(--muted); font-size: .8rem; font-weight: 400; margin-left: auto; white-space: nowrap; }
.permissions details p { color: var(--muted); font-size: .9rem; margin: 0 0 12px 22px; }
.fine { color: var(--muted); font-size: .85rem; }
.details { margin-top: 24px; padding: 14px 16px; border-radius: 8px; background: var(--secondary); font-size: .82rem; }
.details h2 { font-size: .85rem; margin: 0 0 8px; font-weight: 650; }
.details dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; }
.details dt { color: var(--muted); }
.details dd { margin: 0; font-size: .78rem; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.message { font-weight: 500; overflow-wrap: anywhere; }
.spinner { width: 28px; height: 28px; border-radius: 50%; border: 3px solid var(--secondary); border-top-color: var(--primary); animation: spin .9s linear infinite; margin: 8px 0 16px; }
@keyframes spin { to { transform: rotate(360deg); } }
@media (scripting: none) { .spinner { display: none; } }
@media (prefers-reduced-motion: reduce) { .spinner { animation: none; } * { transition: none !important; } }
.visually-hidden, input.visually-hidden {
  position: absolute; width: 1px; height: 1px; min-height: 0; padding: 0; margin: -1px; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}
.card.broad { max-width: 960px; }
.broad h2 { font-size: 1.1rem; font-weight: 650; margin: 32px 0 12px; }
.broad h3 { font-size: 1rem; font-weight: 650; margin: 24px 0 8px; overflow-wrap: anywhere; }
.broad code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; overflow-wrap: anywhere; }
.facts { margin: 0 0 16px; display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.broad table { width: 100%; border-collapse: collapse; margin: 0 0 16px; font-size: .9rem; }
.broad th, .broad td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--border); overflow-wrap: anywhere; }
.broad thead th { color: var(--muted); font-weight: 600; font-size: .8rem; }
.broad tbody th { font-weight: 600; }
.links a { white-space: nowrap; margin-right: 10px; }
.tag { display: inline-block; font-size: .72rem; font-weight: 600; padding: 0 8px; border-radius: 999px; background: var(--secondary); color: var(--muted); vertical-align: middle; }
.warning { border-left: 4px solid var(--tile-3); background: color-mix(in srgb, var(--tile-3) 12%, var(--card)); border-radius: 6px; padding: 10px 12px; }
.docs { columns: 2 200px; padding-left: 1.2rem; margin: 0; }
.meta { color: var(--muted); font-size: .78rem; padding: 0 16px 20px; text-align: center; display: flex; gap: 6px 16px; flex-wrap: wrap; justify-content: center; }
.meta code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
@media (max-width: 520px) {
  body { background: var(--card); }
  .shell { justify-content: flex-start; padding: 0; }
  .card, .card.wide, .card.broad { max-width: none; box-shadow: none; border-radius: 0; padding: 28px 22px 24px; }
  .actions { justify-content: stretch; }
  .actions .button { flex: 1; }
  .details dl, .facts { grid-template-columns: 1fr; gap: 0; }
  .facts dd { margin-bottom: 8px; }
  .broad table, .broad tbody, .broad tr, .broad th, .broad td { display: block; }
  .broad thead { display: none; }
  .broad tr { border-bottom: 1px solid var(--border); padding: 8px 0; }
  .broad th, .broad td { border: 0; padding: 2px 0; }
  .details dd { margin-bottom: 8px; }
}
@media (forced-colors: active) { .button, .card, input { border: 1px solid CanvasText; } }
`;
