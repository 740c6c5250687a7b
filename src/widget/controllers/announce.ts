/**
 * What is charged, said aloud when it changes: a polite live region that speaks once the figures
 * have stopped changing for a moment, so typing "250" says "$250" once, not "$2", "$25", "$250".
 * Keyed by what is charged (not by its words), so a language switch, which changes only the words,
 * says nothing.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A pause in typing; a choice made with a click is said this long after it too. */
const QUIET_MS = 900;

export class AnnounceController implements ReactiveController {
  /** What the live region says now: empty until something changed. */
  text = '';
  private key?: string;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  /**
   * Called on every update with what is charged (`key`) and how to say it: the first key is what
   * the page loaded with, and is not said.
   */
  follow(key: string, words: () => string): void {
    if (this.key === undefined || key === this.key) {
      this.key = key;
      return;
    }
    this.key = key;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.text = words();
      this.host.requestUpdate();
    }, QUIET_MS);
  }
}
