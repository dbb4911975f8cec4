import type { Branch } from './compile';
import { matchesValue, type Matcher, type Scalar } from './matchers';

/**
 * An event seen as patterns see it: every leaf value under its dotted path (arrays crushed out,
 * so `{"a":[{"b":1},{"b":2}]}` has two values at `a.b`), each remembering which element of
 * which array it came from.
 */
export type FlatEvent = Map<string, Leaf[]>;

interface Leaf {
  value: Scalar;
  /** Pairs of (array id, element index) from the outermost array inwards. */
  trail: number[];
}

export function flatten(event: unknown): FlatEvent {
  const flat: FlatEvent = new Map();
  let arrays = 0;
  const walk = (node: unknown, path: string, trail: number[]) => {
    if (Array.isArray(node)) {
      const id = arrays++;
      node.forEach((element, index) => walk(element, path, [...trail, id, index]));
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) walk(child, path ? `${path}.${key}` : key, trail);
    } else if (path) {
      const leaves = flat.get(path);
      const leaf = { value: node as Scalar, trail };
      if (leaves) leaves.push(leaf);
      else flat.set(path, [leaf]);
    }
  };
  walk(event, '', []);
  return flat;
}

/** Whether the event matches one of the branches. */
export function matchesBranches(branches: Branch[], event: FlatEvent): boolean {
  return branches.some((branch) => matchesBranch(branch, event));
}

/**
 * Every field must be matched. A field without values matches only through `exists: false`;
 * otherwise one of its values must match one of its matchers. The values chosen for different
 * fields must agree on arrays: two values from different elements of the same array never
 * match together (Ruler's array-consistent matching).
 */
function matchesBranch(branch: Branch, event: FlatEvent): boolean {
  const choices: Leaf[][] = [];
  for (const [field, matchers] of branch) {
    const leaves = event.get(field);
    if (!leaves) {
      if (matchers.some((m) => m.kind === 'exists' && !m.exists)) continue;
      return false;
    }
    const candidates = leaves.filter((leaf) => matchesAny(matchers, leaf.value));
    if (!candidates.length) return false;
    choices.push(candidates);
  }
  if (choices.every((c) => c.every((leaf) => !leaf.trail.length))) return true;
  choices.sort((a, b) => a.length - b.length);
  return consistent(choices, 0, []);
}

function matchesAny(matchers: Matcher[], value: Scalar): boolean {
  return matchers.some((m) => matchesValue(m, value));
}

function consistent(choices: Leaf[][], index: number, chosen: Leaf[]): boolean {
  if (index === choices.length) return true;
  for (const leaf of choices[index]) {
    if (chosen.every((other) => agree(leaf.trail, other.trail))) {
      chosen.push(leaf);
      if (consistent(choices, index + 1, chosen)) return true;
      chosen.pop();
    }
  }
  return false;
}

/** Two trails agree when every array they both pass through is entered at the same element. */
function agree(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i += 2) {
    for (let j = 0; j < b.length; j += 2) {
      if (a[i] === b[j] && a[i + 1] !== b[j + 1]) return false;
    }
  }
  return true;
}
