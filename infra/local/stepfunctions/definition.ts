import type { Definition, QueryLanguage, StateDefinition } from '../../../workflows/asl';

/** A parsed definition with fast access to the states of every nested scope. */
export class ParsedDefinition {
  private readonly scopes = new Map<string, { definition: Definition; queryLanguage: QueryLanguage }>();
  /** The same lookups by path array: a branch keeps its path array for its whole life. */
  private readonly byPath = new WeakMap<
    Array<string | number>,
    { definition: Definition; queryLanguage: QueryLanguage }
  >();

  constructor(readonly root: Definition) {}

  /** The (sub-)definition a branch runs: [] for the root, [state, 'Branches', i] or [state, 'ItemProcessor'] nested. */
  scope(path: Array<string | number>): { definition: Definition; queryLanguage: QueryLanguage } {
    const known = this.byPath.get(path);
    if (known) return known;
    const key = path.join('\u0000');
    let found = this.scopes.get(key);
    if (found) {
      this.byPath.set(path, found);
      return found;
    }
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
    found = { definition, queryLanguage };
    this.scopes.set(key, found);
    this.byPath.set(path, found);
    return found;
  }

  state(
    path: Array<string | number>,
    name: string,
  ): { state: StateDefinition; queryLanguage: QueryLanguage } {
    const { definition, queryLanguage } = this.scope(path);
    const state = definition.States[name];
    return { state, queryLanguage: state.QueryLanguage ?? queryLanguage };
  }
}
