import { JsonValue, Key, VariableChange, Variables } from '../types';
import { RuntimeState } from './runtime-state';

/** Variables visible from a scope of a (possibly stored) state: nearer scopes shadow farther ones. */
export function visibleIn(scopes: RuntimeState['scopes'], key: Key): Variables {
  const chain: Variables[] = [];
  let current: Key | null = key;
  while (current !== null) {
    const scope: RuntimeState['scopes'][Key] | undefined = scopes[current];
    if (!scope) break;
    chain.push(scope.variables);
    current = scope.parent;
  }
  return Object.assign({}, ...chain.reverse()) as Variables;
}

/**
 * Zeebe's variable scopes over the runtime state: a scope sees its own variables and its
 * ancestors'; merging propagates each variable to the nearest scope that has it, else the root.
 */
export class VariableScopes {
  constructor(
    private readonly state: RuntimeState,
    private readonly onChange: (change: VariableChange) => void,
  ) {}

  create(key: Key, parent: Key | null, variables: Variables = {}): void {
    this.state.scopes[key] = { parent, variables: {} };
    this.setLocal(key, variables);
  }

  has(key: Key): boolean {
    return key in this.state.scopes;
  }

  remove(key: Key): void {
    delete this.state.scopes[key];
  }

  /** All variables visible from a scope; nearer scopes shadow farther ones. */
  visible(key: Key): Variables {
    return visibleIn(this.state.scopes, key);
  }

  local(key: Key): Variables {
    return { ...(this.state.scopes[key]?.variables ?? {}) };
  }

  /** Creates or updates variables in exactly this scope (input mappings, local setVariables). */
  setLocal(key: Key, variables: Variables): void {
    const scope = this.state.scopes[key];
    if (!scope) throw new Error(`no variable scope ${key}`);
    for (const [name, value] of Object.entries(variables)) this.write(key, name, value);
  }

  /** Zeebe's merge with propagation (job completion, messages, output mappings, setVariables). */
  propagate(fromKey: Key, variables: Variables): void {
    for (const [name, value] of Object.entries(variables)) {
      let target: Key | null = fromKey;
      let root: Key = fromKey;
      while (target !== null) {
        const scope: { parent: Key | null; variables: Variables } | undefined =
          this.state.scopes[target];
        if (!scope) break;
        if (Object.prototype.hasOwnProperty.call(scope.variables, name)) break;
        root = target;
        target = scope.parent;
      }
      this.write(target ?? root, name, value);
    }
  }

  clearLocal(key: Key): void {
    const scope = this.state.scopes[key];
    if (scope) scope.variables = {};
  }

  private write(key: Key, name: string, value: JsonValue): void {
    const scope = this.state.scopes[key];
    const previous = scope.variables[name];
    scope.variables[name] = value;
    if (previous === undefined || JSON.stringify(previous) !== JSON.stringify(value)) {
      this.onChange({ scopeKey: key, name, value });
    }
  }
}
