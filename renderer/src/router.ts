// Hash routes (they work the same from app:// and from the browser-mode server).
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'scenarios' }
  | { name: 'scenario'; id: string }
  | { name: 'run'; runId: string }
  | { name: 'history' }
  | { name: 'compare'; a: string; b: string }
  | { name: 'engine' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'scenarios':
      return parts[1] ? { name: 'scenario', id: parts[1] } : { name: 'scenarios' };
    case 'runs':
      return parts[1] ? { name: 'run', runId: parts[1] } : { name: 'history' };
    case 'history':
      return { name: 'history' };
    case 'compare':
      return parts[1] && parts[2] ? { name: 'compare', a: parts[1], b: parts[2] } : { name: 'history' };
    case 'engine':
      return { name: 'engine' };
    default:
      return { name: 'scenarios' };
  }
}

export function href(route: Route): string {
  const e = encodeURIComponent;
  switch (route.name) {
    case 'scenarios':
      return '#/scenarios';
    case 'scenario':
      return `#/scenarios/${e(route.id)}`;
    case 'run':
      return `#/runs/${e(route.runId)}`;
    case 'history':
      return '#/history';
    case 'compare':
      return `#/compare/${e(route.a)}/${e(route.b)}`;
    case 'engine':
      return '#/engine';
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

const subscribe = (l: () => void) => {
  window.addEventListener('hashchange', l);
  return () => window.removeEventListener('hashchange', l);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
