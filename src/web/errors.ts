/**
 * Errors of the web surface, rendered as the HTML error page by web/plugin.ts's error handler
 * (one serializer per surface, shared/style.md convention 4).
 */

/** An unknown page or asset under the web surface's paths. */
export class NotFound extends Error {
  readonly status = 404;
  constructor() {
    super('The page you asked for does not exist.');
    this.name = 'NotFound';
  }
}
