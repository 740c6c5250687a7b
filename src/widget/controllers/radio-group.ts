/**
 * Keyboard selection for every radio group in the form (frequency, amount, fee cover, tribute kind,
 * language): one tab stop per group (roving tabindex), arrow keys move and select, Home/End jump,
 * left and right swap in right-to-left text. A group whose choice is heavy (the language: it
 * translates the whole form, and a screen reader starts speaking the new language) lets arrows move
 * focus only, and Space or Enter choose.
 */
export interface RadioGroupOptions {
  /** The group's radios, in order. */
  radios: () => HTMLElement[];
  /** Select the radio at this index (the host re-renders with it checked). */
  select: (index: number) => void;
  /** Arrows select as they move (the default), or only move focus, leaving Space and Enter to choose. */
  selectionFollowsFocus?: boolean;
}

/** Has no lifecycle of its own (it acts only on a keydown), so it is not registered with the host. */
export class RadioGroupController {
  constructor(
    private readonly host: HTMLElement,
    private readonly options: RadioGroupOptions,
  ) {}

  /** Only the checked radio, or the first when none is, sits in the tab order. */
  static tabIndex(index: number, checkedIndex: number): 0 | -1 {
    return index === (checkedIndex < 0 ? 0 : checkedIndex) ? 0 : -1;
  }

  /** Bind to the element with role="radiogroup". */
  readonly handleKeyDown = (event: KeyboardEvent): void => {
    const radios = this.options.radios().filter((radio) => !radio.hasAttribute('disabled'));
    const current = radios.findIndex((radio) => radio === event.target || radio.contains(event.target as Node));
    if (current < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    const rtl = getComputedStyle(this.host).direction === 'rtl';
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const back = rtl ? 'ArrowRight' : 'ArrowLeft';
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
      case forward:
        next = (current + 1) % radios.length;
        break;
      case 'ArrowUp':
      case back:
        next = (current - 1 + radios.length) % radios.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = radios.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    if (this.options.selectionFollowsFocus !== false) this.options.select(this.options.radios().indexOf(radios[next]));
    radios[next].focus();
  };
}
