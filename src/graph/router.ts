/**
 * Matching a parsed Graph path against the route table: a small trie, literals before
 * parameters, case-insensitive literals. A path that matches nothing gets Graph's 400 for the
 * first unknown segment, or 404 when Graph has that segment and Tessera does not serve it yet.
 */
import { graphErrors } from './errors.js';
import { isKnownGraphSegment } from './known-segments.js';
import type { PathSegment } from './path.js';
import type { GraphRoute } from './routes.js';

interface Node {
  literals: Map<string, Node>;
  param: { name: string; node: Node } | null;
  routes: Map<string, GraphRoute>;
}

export interface RouteMatch {
  route: GraphRoute;
  params: Record<string, string>;
}

export interface GraphRouter {
  match(method: string, segments: readonly PathSegment[]): RouteMatch;
}

const newNode = (): Node => ({ literals: new Map(), param: null, routes: new Map() });

export function createGraphRouter(routes: readonly GraphRoute[]): GraphRouter {
  const root = newNode();
  for (const route of routes) {
    let node = root;
    for (const part of route.path) {
      if (part.startsWith('{') && part.endsWith('}')) {
        const name = part.slice(1, -1);
        if (node.param !== null && node.param.name !== name) throw new Error(`Graph route ${route.name}: parameter {${name}} clashes with {${node.param.name}}`);
        node.param ??= { name, node: newNode() };
        node = node.param.node;
      } else {
        const key = part.toLowerCase();
        let child = node.literals.get(key);
        if (child === undefined) node.literals.set(key, (child = newNode()));
        node = child;
      }
    }
    if (node.routes.has(route.method)) throw new Error(`Graph route ${route.name}: duplicate ${route.method} ${route.path.join('/')}`);
    node.routes.set(route.method, route);
  }

  return {
    match(method, segments) {
      let node = root;
      const params: Record<string, string> = {};
      for (const segment of segments) {
        const literal = segment.key ? undefined : node.literals.get(segment.text.toLowerCase());
        if (literal !== undefined) {
          node = literal;
        } else if (node.param !== null && segment.keyProperty === undefined) {
          params[node.param.name] = segment.text;
          node = node.param.node;
        } else {
          if (segment.key || isKnownGraphSegment(segment.text)) throw graphErrors.notServed(pathText(segments));
          throw graphErrors.segmentNotFound(segment.text);
        }
      }
      if (node.routes.size === 0) throw graphErrors.notServed(pathText(segments));
      // HEAD is answered by the GET route (Fastify strips the body).
      const route = node.routes.get(method === 'HEAD' ? 'GET' : method);
      if (route === undefined) throw graphErrors.methodNotAllowed();
      return { route, params };
    },
  };
}

function pathText(segments: readonly PathSegment[]): string {
  return `/${segments.map((s) => (s.key ? `('${s.text}')` : s.text)).join('/')}`.replace(/\/\('/g, "('");
}
