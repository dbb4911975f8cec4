import type { Definition, QueryLanguage, StateDefinition } from '../../../workflows/asl';

/** A state with the query language it runs in (its own, else its scope's). */
export interface ResolvedState {
  state: StateDefinition;
  queryLanguage: QueryLanguage;
}

/** One (sub-)definition: the root, a Parallel branch or a Map's ItemProcessor. */
interface Scope {
  definition: Definition;
  queryLanguage: QueryLanguage;
  states: Map<string, ResolvedState>;
}

/**
 * A parsed definition with fast access to the states of every nested scope. Branches name their
 * scope by a path array ([] for the root, [state, 'Branches', i] or [state, 'ItemProcessor'],
 * nested); `branchScope` and `itemScope` hand out one array per path, so that lookups by it hit
 * the identity cache and the engine allocates nothing per branch for it.
 */
export class ParsedDefinition {
  private readonly scopes = new Map<string, Scope>();
  private readonly byPath = new WeakMap<Array<string | number>, Scope>();
  private readonly paths = new Map<string, Array<string | number>>();

  constructor(readonly root: Definition) {}

  state(path: Array<string | number>, name: string): ResolvedState {
    const scope = this.resolve(path);
    let resolved = scope.states.get(name);
    if (!resolved) {
      const state = scope.definition.States[name];
      resolved = { state, queryLanguage: state.QueryLanguage ?? scope.queryLanguage };
      scope.states.set(name, resolved);
    }
    return resolved;
  }

  /** The path of branch `index` of Parallel state `state` in the scope at `path`. */
  branchScope(path: Array<string | number>, state: string, index: number): Array<string | number> {
    return this.canonical([...path, state, 'Branches', index]);
  }

  /** The path of the ItemProcessor of Map state `state` in the scope at `path`. */
  itemScope(path: Array<string | number>, state: string): Array<string | number> {
    return this.canonical([...path, state, 'ItemProcessor']);
  }

  private canonical(path: Array<string | number>): Array<string | number> {
    const key = path.join('\u0000');
    let known = this.paths.get(key);
    if (!known) this.paths.set(key, (known = path));
    return known;
  }

  private resolve(path: Array<string | number>): Scope {
    const known = this.byPath.get(path);
    if (known) return known;
    const key = path.join('\u0000');
    let found = this.scopes.get(key);
    if (!found) {
      let definition = this.root;
      let queryLanguage: QueryLanguage = this.root.QueryLanguage ?? 'JSONPath';
      for (let i = 0; i < path.length;) {
        const state = definition.States[path[i] as string];
        queryLanguage = state.QueryLanguage ?? queryLanguage;
        if (path[i + 1] === 'Branches') {
          definition = state.Branches![path[i + 2] as number];
          i += 3;
        } else {
          definition = (state.ItemProcessor ?? state.Iterator)!;
          i += 2;
        }
        queryLanguage = definition.QueryLanguage ?? queryLanguage;
      }
      found = { definition, queryLanguage, states: new Map() };
      this.scopes.set(key, found);
    }
    this.byPath.set(path, found);
    return found;
  }
}
