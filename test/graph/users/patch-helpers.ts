// Boot and call helpers of the PATCH tests: graph-helpers.ts with patch.config.ts's environment.
import { bootTessera } from '../../helpers/tessera.js';
import { environment } from './patch.config.js';
import type { Tessera } from '../graph-helpers.js';

export { appToken, assertGraphError, assertGraphSuccess, callGraph, graphClaims, tesseraSigned, type Tessera } from '../graph-helpers.js';

export function bootTesseraWith(): Promise<Tessera> {
  return bootTessera({ environment });
}
