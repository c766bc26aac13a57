import type { SessionTreeNode } from './tree-types';

function line(node: SessionTreeNode, depth: number): string {
  const indent = '  '.repeat(depth);
  const label = node.origin === 'session' ? `session ${node.event_name}` : `${node.event_type} ${node.event_name}`;
  const id = node.origin === 'session' && node.event_name !== node.event_id ? ` [${node.event_id}]` : '';
  const error = node.error !== null ? ` ✗ ${node.error}` : '';
  return `${indent}${label} (${node.duration.toFixed(1)} ms)${id}${error}`;
}

/**
 * Renders a session tree as indented text, one node per line, e.g.
 * `session demo (40.2 ms) [<id>]` / `  chain agent_step (12.3 ms)` / `    tool search (1.0 ms) ✗ boom`.
 */
export function renderSessionTree(tree: SessionTreeNode): string {
  const lines: string[] = [];
  const walk = (node: SessionTreeNode, depth: number): void => {
    lines.push(line(node, depth));
    node.children.forEach((child) => walk(child, depth + 1));
  };
  walk(tree, 0);
  return lines.join('\n');
}
