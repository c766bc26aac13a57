import type { Snippet } from './snippet-types';

/** What the markers before a fence add to its snippet. */
export type SnippetMarkers = Pick<Snippet, 'prelude' | 'skip' | 'run'>;

/** A `<!-- snippet: … -->` comment: its first line after `snippet:`, and the lines after it up to `-->`. */
export interface MarkerComment {
  line: number;
  head: string;
  body: string[];
}

const RUN_ARGUMENT = /^spans=(\d+)$/;

/**
 * Applies one marker comment. Directives:
 * - `skip <reason>`: the snippet is neither checked nor run (the reason is required);
 * - `run` or `run spans=N`: also run against the local backend (which must then receive exactly N spans);
 * - `prelude`, then lines of code up to `-->`: code put before the snippet, e.g. `declare` lines for the names
 *   the snippet assumes (a user's `llm` function or `exporter`), or working stand-ins when the snippet runs.
 * Returns an error message for an unknown or malformed directive.
 */
export function applyMarker(markers: SnippetMarkers, comment: MarkerComment): string | undefined {
  const head = comment.head.trim();
  const directive = head.split(/\s+/)[0] ?? '';
  const rest = head.slice(directive.length).trim();
  switch (directive) {
    case 'skip':
      if (!rest) return 'snippet: skip needs a reason, e.g. <!-- snippet: skip a fragment of a class body -->';
      markers.skip = rest;
      return undefined;
    case 'run': {
      if (!rest) {
        markers.run = {};
        return undefined;
      }
      const match = RUN_ARGUMENT.exec(rest);
      if (!match) return `snippet: run takes nothing or "spans=N", not "${rest}"`;
      markers.run = { spans: Number(match[1]) };
      return undefined;
    }
    case 'prelude':
      if (rest) return 'snippet: prelude takes its code on the lines after it, up to -->';
      if (comment.body.every((line) => line.trim() === '')) return 'snippet: prelude has no code';
      markers.prelude = { code: comment.body.join('\n'), line: comment.line + 1 };
      return undefined;
    default:
      return `unknown snippet marker "${directive}" (known: skip <reason>, run [spans=N], prelude)`;
  }
}
