// A small event emitter: the same code in browsers and in Node (where the SDK's unit tests run).
// A listener that throws does not stop the others, nor the SDK: its error is rethrown on its own task, where the
// page's error reporting sees it.

export class Emitter {
  #listeners = new Map();

  /** Adds a listener; returns a function that removes it. */
  on(type, listener) {
    if (typeof listener !== 'function') {
      throw new TypeError('on(' + type + ', listener): the listener must be a function');
    }
    if (!this.#listeners.has(type)) {
      this.#listeners.set(type, new Set());
    }
    this.#listeners.get(type).add(listener);
    return () => this.off(type, listener);
  }

  off(type, listener) {
    const set = this.#listeners.get(type);
    if (set) {
      set.delete(listener);
    }
  }

  /** Adds a listener that runs once; returns a function that removes it. */
  once(type, listener) {
    const off = this.on(type, (detail) => {
      off();
      listener(detail);
    });
    return off;
  }

  emit(type, detail) {
    const set = this.#listeners.get(type);
    if (!set) {
      return;
    }
    for (const listener of [...set]) {
      try {
        listener(detail);
      } catch (e) {
        setTimeout(() => {
          throw e;
        }, 0);
      }
    }
  }
}
