/**
 * Content negotiation of the landing page: JSON or HTML by the request's `Accept` (RFC 9110
 * §12.5.1). HTML unless JSON is preferred: a higher weight, or the same weight from a more
 * specific range (`application/json, text/plain, *\/*` — axios's default — asks for JSON; a
 * browser's `text/html,…,*\/*;q=0.8` gets HTML; no header, `*\/*` or a tie get HTML).
 */

interface Match {
  q: number;
  /** 2 = exact type, 1 = `type/*`, 0 = `*\/*`, -1 = not matched. */
  specificity: number;
}

function matchOf(accept: string, type: string): Match {
  const [major] = type.split('/');
  let best: Match = { q: 0, specificity: -1 };
  for (const part of accept.split(',')) {
    const [rangeRaw = '', ...params] = part.split(';');
    const range = rangeRaw.trim().toLowerCase();
    const specificity = range === type ? 2 : range === `${major}/*` ? 1 : range === '*/*' ? 0 : -1;
    if (specificity < best.specificity || specificity < 0) continue;
    const qParam = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    // RFC 9110 §12.4.2: the most specific range decides, whatever its weight.
    best = { q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0, specificity };
  }
  return best;
}

/** True when `accept` prefers `application/json` over `text/html`. */
export function prefersJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return false;
  const json = matchOf(accept, 'application/json');
  const html = matchOf(accept, 'text/html');
  if (json.q <= 0) return false;
  return json.q > html.q || (json.q === html.q && json.specificity > html.specificity);
}
