/**
 * Nothing may move under the donor's pointer between pressing and releasing it: a press in the
 * form that takes focus from a field would otherwise show that field's error at once, push the
 * control being pressed down, and the click would land on nothing. What a press sets off waits
 * here until the press has ended with its click (on touch, focus moves only after the finger lifts,
 * so the end is the click, not the release). A press that ends in no click (a drag, a scroll) lets
 * it through shortly after the release. Errors come with this chunk (validation), so this does too.
 */

/** After a release with no click: long enough for a touch's click to follow, short enough to seem at once. */
const NO_CLICK_MS = 600;

export class PressGuard {
  private waiting: (() => void)[] = [];
  private ending?: AbortController;
  private timer?: ReturnType<typeof setTimeout>;

  /** The pointer went down in the form. */
  pressed(): void {
    if (this.ending) return;
    const ending = (this.ending = new AbortController());
    const options = { capture: true, signal: ending.signal };
    // After the click's own handlers (a checkbox's change comes after its click) have run.
    window.addEventListener('click', () => this.later(0), options);
    window.addEventListener('pointerup', () => this.later(NO_CLICK_MS), options);
    window.addEventListener('pointercancel', () => this.later(NO_CLICK_MS), options);
  }

  /** Runs `work` now, or once the press under way has ended. */
  afterPress(work: () => void): void {
    if (this.ending) this.waiting.push(work);
    else work();
  }

  /** Ends the press now (the element left the page): what waited runs. */
  end(): void {
    clearTimeout(this.timer);
    this.ending?.abort();
    this.ending = undefined;
    const waiting = this.waiting;
    this.waiting = [];
    for (const work of waiting) work();
  }

  private later(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.end(), ms);
  }
}
