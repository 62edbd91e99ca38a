/**
 * What a key loads, loaded once and kept while it is among the `size` most recently added: for
 * things that never change once stored (a deployed version's model, a form). A failed load is
 * forgotten, so the next call tries again.
 */
export class LoadedOnce<T> {
  private readonly loaded = new Map<string, Promise<T>>();

  constructor(
    private readonly size: number,
    private readonly load: (key: string) => Promise<T>,
  ) {}

  get(key: string): Promise<T> {
    let value = this.loaded.get(key);
    if (!value) {
      value = this.load(key);
      value.catch(() => this.loaded.delete(key));
      if (this.loaded.size >= this.size) {
        this.loaded.delete(this.loaded.keys().next().value as string);
      }
      this.loaded.set(key, value);
    }
    return value;
  }
}
